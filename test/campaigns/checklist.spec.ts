import { CampaignChecklistError, checkCampaign } from '../../src/index'
import { drainOutbox } from '../../src/sending/drainOutbox'
import { scheduleCampaign, sendCampaign } from '../../src/campaigns/campaignActions'
import { createApiClient } from '../helpers/apiClient'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import {
  createCampaign,
  createList,
  messageCounts,
  realPostalAddress,
  seedSubscribers,
} from './campaignFixtures'
import { slugs } from '../helpers/slugs'
import { editorToken } from '../helpers/editorToken'

let app: SendingApp
let api: ReturnType<typeof createApiClient>
let token: string
let listId: number

beforeAll(async () => {
  app = await bootSendingApp({ cacheKey: 'default', name: 'campaign_checklist' })
  api = createApiClient(app.config)
  token = await editorToken(app.payload)
  listId = await createList(app.payload, 'Readers')
  await seedSubscribers(app.payload, { count: 3, listId, prefix: 'checked' })
})

afterAll(async () => {
  await app?.shutdown()
})

const text = (value: string) => ({
  detail: 0,
  format: 0,
  mode: 'normal',
  style: '',
  text: value,
  type: 'text',
  version: 1,
})
const block = (id: string, fields: Record<string, unknown>) => ({
  fields: { blockName: '', id, ...fields },
  format: '',
  type: 'block',
  version: 2,
})
const editorState = (...children: unknown[]) => ({
  root: { children, direction: 'ltr', format: '', indent: 0, type: 'root', version: 1 },
})
const paragraphNode = (value: string) => ({
  children: [text(value)],
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
  type: 'paragraph',
  version: 1,
})

const codes = (findings: { code: string; level: string }[], level: string) =>
  findings
    .filter((finding) => finding.level === level)
    .map((finding) => finding.code)
    .sort()

describe('the pre-send checklist', () => {
  it('refuses to send with the seeded placeholder address, saying where to set it; REST returns the same findings', async () => {
    const id = await createCampaign(app.payload, {
      audience: { lists: [listId] },
      layout: null,
      name: 'Placeholder',
    })
    const error = await sendCampaign(app.payload, id).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CampaignChecklistError)
    const postal = (error as CampaignChecklistError).findings.find(
      (finding) => finding.code === 'postal-address',
    )
    expect(postal).toMatchObject({
      field: 'layout',
      level: 'blocking',
      message: expect.stringContaining(
        'Set it in Email marketing > Layouts > Default > Postal address',
      ),
    })
    await expect(
      scheduleCampaign(app.payload, id, new Date(Date.now() + 3_600_000)),
    ).rejects.toBeInstanceOf(CampaignChecklistError)

    const checklist = await api.rest('GET', `/email-marketing/campaigns/${id}/checklist`, { token })
    expect(checklist.status).toBe(200)
    expect(checklist.body).toMatchObject({ blocking: true, recipients: 3 })
    const refused = await api.rest('POST', `/email-marketing/campaigns/${id}/send`, {
      body: {},
      token,
    })
    expect(refused.status).toBe(400)
    expect(refused.body.errors[0].message).toContain(
      'Email marketing > Layouts > Default > Postal address',
    )
    expect(refused.body.errors[0].data.findings).toEqual(checklist.body.findings)
    expect(checklist.body.findings).toEqual((error as CampaignChecklistError).findings)
    expect(await messageCounts(app.payload, id)).toEqual({})

    const { docs } = await app.payload.find({
      collection: slugs.layouts,
      where: { name: { equals: 'Default' } },
    })
    await app.payload.update({
      collection: slugs.layouts,
      data: { postalAddress: realPostalAddress } as never,
      id: docs[0].id,
    })
    app.postmark.reset()
    await sendCampaign(app.payload, id)
    await drainOutbox(app.payload)
    expect(app.postmark.accepted.map((message) => message.To).sort()).toEqual([
      'checked1@example.com',
      'checked2@example.com',
      'checked3@example.com',
    ])
    expect(app.postmark.accepted[0].HtmlBody).toContain('1 Main Street')
  })

  it('warns about a long subject, no preheader, local links, images without alt text and a foreign sender domain, and still sends', async () => {
    const id = await createCampaign(app.payload, {
      audience: { lists: [listId] },
      content: editorState(
        paragraphNode('Look at this'),
        block('img1', {
          align: 'center',
          blockType: 'image',
          src: 'https://cdn.example.com/hero.png',
        }),
        block('btn1', {
          align: 'left',
          blockType: 'button',
          label: 'Open',
          url: 'http://localhost:3000/promo',
        }),
      ),
      fromEmail: 'news@elsewhere.example',
      name: 'Warnings',
      preheader: '',
      subject: `A subject that goes on ${'and on '.repeat(13)}`,
    })
    const checklist = await api.rest('GET', `/email-marketing/campaigns/${id}/checklist`, { token })
    expect(checklist.body.blocking).toBe(false)
    expect(codes(checklist.body.findings, 'warning')).toEqual([
      'image-alt',
      'local-link',
      'preheader',
      'sender-domain',
      'subject-length',
    ])
    const sent = await api.rest('POST', `/email-marketing/campaigns/${id}/send`, {
      body: {},
      token,
    })
    expect(sent.status).toBe(200)
    expect(sent.body.findings).toEqual(checklist.body.findings)
  })

  it('blocks a layout that hides the unsubscribe link, and a campaign with Liquid errors and no audience lists every problem', async () => {
    const hiding = await app.payload.create({
      collection: slugs.layouts,
      data: {
        footerHtml: '<p>Bye</p><!--',
        name: 'Hiding',
        postalAddress: realPostalAddress,
      } as never,
    })
    const id = await createCampaign(app.payload, {
      audience: {},
      layout: hiding.id,
      name: 'Everything wrong',
      subject: 'Hi {{ contact.firstName',
    })
    const { blocking, findings } = await checkCampaign(
      app.payload,
      (await app.payload.findByID({ collection: slugs.campaigns, id })) as never,
    )
    expect(blocking).toBe(true)
    expect(codes(findings, 'blocking')).toEqual(['audience', 'liquid'])
    const fixed = await createCampaign(app.payload, {
      audience: { lists: [listId] },
      layout: hiding.id,
      name: 'Hidden link',
    })
    const hidden = await checkCampaign(
      app.payload,
      (await app.payload.findByID({ collection: slugs.campaigns, id: fixed })) as never,
    )
    expect(codes(hidden.findings, 'blocking')).toEqual(['unsubscribe-link'])
  })
})
