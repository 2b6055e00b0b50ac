import { createImportJob, tempUploadDir } from '../audience/importFixtures'
import { createCampaign, createList, paragraph } from '../campaigns/campaignFixtures'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import {
  createCallers,
  type Credentials,
  graphql,
  leastPrivilegeOptions,
  rest,
} from './accessFixture'
import { slugs } from '../helpers/slugs'

let app: SendingApp
let credentials: Credentials

type Entry = {
  action: string
  createdAt: string
  id: number
  target: null | string
  userEmail: null | string
  userId: null | string
  viaApiKey: boolean
}

const entries = async (): Promise<Entry[]> =>
  (await app.payload.find({ collection: slugs.auditLog as 'users', limit: 100, sort: 'id' }))
    .docs as unknown as Entry[]

beforeAll(async () => {
  app = await bootSendingApp({
    cacheKey: 'default',
    name: 'access_audit_log',
    plugin: {
      ...leastPrivilegeOptions,
      imports: {
        chunkSize: 100,
        cron: '0 0 0 1 1 *',
        leaseSeconds: 120,
        uploadDir: tempUploadDir('audit'),
      },
    },
  })
  credentials = await createCallers(app.payload, app.config)
})

afterAll(async () => {
  await app?.shutdown()
})

describe('the audit log', () => {
  it('records who, what and when for campaign sends, 1:1 sends, exports, erasures, imports and access denials', async () => {
    const list = await createList(app.payload, 'Readers')
    const contact = await app.payload.create({
      collection: slugs.contacts,
      data: { email: 'reader@example.com' },
    })
    await app.payload.create({
      collection: slugs.subscriptions,
      data: { contact: contact.id, list, status: 'subscribed' },
    })
    const erasable = await app.payload.create({
      collection: slugs.contacts,
      data: { email: 'erase-me@example.com' },
    })
    const campaign = await createCampaign(app.payload, {
      audience: { lists: [list] },
      content: paragraph('Hello'),
    })
    const job = await createImportJob(app.payload, 'email\nnew@example.com\n')
    const admin = credentials.admin
    const started = Date.now()

    expect(
      (await rest(app.config, admin, 'POST', `/email-marketing/campaigns/${campaign}/send`)).status,
    ).toBe(200)
    expect(
      (
        await rest(app.config, admin, 'POST', '/email-marketing/one-to-one', {
          body: '<p>Hi</p>',
          contact: contact.id,
          subject: 'Hi',
        })
      ).status,
    ).toBe(201)
    expect((await rest(app.config, admin, 'GET', '/email-marketing/export/contacts')).status).toBe(
      200,
    )
    expect(
      (await rest(app.config, admin, 'GET', `/email-marketing/export/lists/${list}`)).status,
    ).toBe(200)
    expect(
      (await rest(app.config, admin, 'GET', `/email-marketing/contacts/${contact.id}/data-export`))
        .status,
    ).toBe(200)
    expect(
      (await rest(app.config, admin, 'POST', `/email-marketing/contacts/${erasable.id}/erase`))
        .status,
    ).toBe(200)
    expect(
      (
        await rest(app.config, admin, 'POST', `/email-marketing/imports/${job.id}/start`, {
          mapping: { email: 'email' },
        })
      ).status,
    ).toBe(200)
    expect(
      (await rest(app.config, credentials.apiKey, 'GET', '/email-marketing/export/contacts'))
        .status,
    ).toBe(403)
    expect(
      (
        await rest(
          app.config,
          credentials.deniedAdmin,
          'POST',
          `/email-marketing/campaigns/${campaign}/cancel`,
        )
      ).status,
    ).toBe(403)

    const adminUser = (
      await app.payload.find({
        collection: 'users',
        where: { email: { equals: 'admin@example.com' } },
      })
    ).docs[0]!
    const log = await entries()
    expect(
      log.map(({ action, target, userEmail, viaApiKey }) => ({
        action,
        target,
        userEmail,
        viaApiKey,
      })),
    ).toEqual([
      {
        action: 'campaign.send',
        target: `campaigns:${campaign}`,
        userEmail: 'admin@example.com',
        viaApiKey: false,
      },
      {
        action: 'oneToOne.send',
        target: `contacts:${contact.id}`,
        userEmail: 'admin@example.com',
        viaApiKey: false,
      },
      {
        action: 'export.contacts',
        target: 'contacts',
        userEmail: 'admin@example.com',
        viaApiKey: false,
      },
      {
        action: 'export.list',
        target: `lists:${list}`,
        userEmail: 'admin@example.com',
        viaApiKey: false,
      },
      {
        action: 'export.contactData',
        target: `contacts:${contact.id}`,
        userEmail: 'admin@example.com',
        viaApiKey: false,
      },
      {
        action: 'contact.erase',
        target: `contacts:${erasable.id}`,
        userEmail: 'admin@example.com',
        viaApiKey: false,
      },
      {
        action: 'import.start',
        target: `contact-imports:${job.id}`,
        userEmail: 'admin@example.com',
        viaApiKey: false,
      },
      { action: 'access.denied', target: null, userEmail: 'backend@example.com', viaApiKey: true },
      { action: 'access.denied', target: null, userEmail: 'denied@example.com', viaApiKey: false },
    ])
    expect(log[0]!.userId).toBe(String(adminUser.id))
    for (const entry of log)
      expect(Date.parse(entry.createdAt)).toBeGreaterThanOrEqual(started - 1000)
  })

  it('is readable by admin users and cannot be created, updated or deleted over REST or GraphQL, not even by them', async () => {
    const [first] = await entries()
    const before = await entries()
    expect(
      (await rest(app.config, credentials.admin, 'GET', `/${slugs.auditLog}`)).body.docs,
    ).toHaveLength(before.length)
    expect((await rest(app.config, credentials.customer, 'GET', `/${slugs.auditLog}`)).status).toBe(
      403,
    )
    for (const caller of ['admin', 'apiKey', 'customer', 'anonymous'] as const) {
      expect(
        (
          await rest(app.config, credentials[caller], 'PATCH', `/${slugs.auditLog}/${first!.id}`, {
            action: 'export.list',
            userId: 'someone-else',
          })
        ).status,
      ).toBe(403)
      expect(
        (await rest(app.config, credentials[caller], 'DELETE', `/${slugs.auditLog}/${first!.id}`))
          .status,
      ).toBe(403)
      expect(
        (
          await rest(
            app.config,
            credentials[caller],
            'DELETE',
            `/${slugs.auditLog}?where[id][exists]=true`,
          )
        ).status,
      ).toBe(403)
      expect(
        (
          await rest(app.config, credentials[caller], 'POST', `/${slugs.auditLog}`, {
            action: 'campaign.send',
            userId: 'forged',
          })
        ).status,
      ).toBe(403)
    }
    const mutation = await graphql(
      app.config,
      credentials.admin,
      `mutation { deleteAuditLog(id: ${first!.id}) { id } }`,
    )
    expect(mutation.body.errors?.[0]?.message).toBe('You are not allowed to perform this action.')
    await expect(
      app.payload.update({
        collection: slugs.auditLog as 'users',
        data: { userId: 'x' } as never,
        id: first!.id,
      }),
    ).rejects.toThrow('append-only')
    await expect(
      app.payload.delete({ collection: slugs.auditLog as 'users', id: first!.id }),
    ).rejects.toThrow('append-only')
    expect(await entries()).toEqual(before)
  })
})
