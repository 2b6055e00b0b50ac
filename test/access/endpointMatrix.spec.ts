import { sql } from '@payloadcms/db-postgres'

import type { Permission } from '../../src/types'

import { drainOutbox } from '../../src/sending/drainOutbox'
import { rowsOf } from '../../src/utilities/db'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { createCampaign, createList, paragraph } from '../campaigns/campaignFixtures'
import { createPipeline } from '../deals/dealFixtures'
import { createOrderTemplates } from '../transactional/templates'
import {
  type Caller,
  callers,
  createCallers,
  type Credentials,
  databaseState,
  leastPrivilegeOptions,
  rest,
} from './accessFixture'
import { slugs, tables } from '../helpers/slugs'

let app: SendingApp
let credentials: Credentials
let ids: Record<
  'automation' | 'campaign' | 'contact' | 'erasable' | 'list' | 'pipeline' | 'segment',
  number
>
let stageId: string

type Call = { body?: unknown; method: 'GET' | 'POST'; path: () => string; permission: Permission }

/** Every non-public plugin endpoint with a well-formed request and the permission it needs. */
const endpoints: Record<string, Call> = {
  'GET automations/:id/step-counts': {
    method: 'GET',
    path: () => `/email-marketing/automations/${ids.automation}/step-counts`,
    permission: 'readContacts',
  },
  'POST automations/email-preview': {
    body: { step: { subject: 'Hello' } },
    method: 'POST',
    path: () => '/email-marketing/automations/email-preview',
    permission: 'readContacts',
  },
  'POST automations/email-test': {
    body: { step: { subject: 'Hello' }, to: 'test@example.com' },
    method: 'POST',
    path: () => '/email-marketing/automations/email-test',
    permission: 'manageCampaigns',
  },
  'GET campaigns/:id/audience': {
    method: 'GET',
    path: () => `/email-marketing/campaigns/${ids.campaign}/audience`,
    permission: 'readContacts',
  },
  'GET campaigns/:id/preview': {
    method: 'GET',
    path: () => `/email-marketing/campaigns/${ids.campaign}/preview`,
    permission: 'readContacts',
  },
  'GET campaigns/:id/review': {
    method: 'GET',
    path: () => `/email-marketing/campaigns/${ids.campaign}/review`,
    permission: 'readContacts',
  },
  'GET campaigns/:id/stats': {
    method: 'GET',
    path: () => `/email-marketing/campaigns/${ids.campaign}/stats`,
    permission: 'readContacts',
  },
  'GET merge-tags': {
    method: 'GET',
    path: () => '/email-marketing/merge-tags',
    permission: 'readContacts',
  },
  'GET campaigns/:id/recipients': {
    method: 'GET',
    path: () => `/email-marketing/campaigns/${ids.campaign}/recipients?event=opened`,
    permission: 'readContacts',
  },
  'GET campaigns/:id/recipients/export': {
    method: 'GET',
    path: () => `/email-marketing/campaigns/${ids.campaign}/recipients/export`,
    permission: 'export',
  },
  'GET campaigns/:id/report': {
    method: 'GET',
    path: () => `/email-marketing/campaigns/${ids.campaign}/report`,
    permission: 'readContacts',
  },
  'GET contacts/:id/data-export': {
    method: 'GET',
    path: () => `/email-marketing/contacts/${ids.contact}/data-export`,
    permission: 'export',
  },
  'GET contacts/:id/overview': {
    method: 'GET',
    path: () => `/email-marketing/contacts/${ids.contact}/overview`,
    permission: 'readContacts',
  },
  'GET contacts/:id/timeline': {
    method: 'GET',
    path: () => `/email-marketing/contacts/${ids.contact}/timeline`,
    permission: 'readContacts',
  },
  'GET deal-board': {
    method: 'GET',
    path: () => `/email-marketing/deal-board?pipeline=${ids.pipeline}`,
    permission: 'readContacts',
  },
  'GET deal-board/cards': {
    method: 'GET',
    path: () => `/email-marketing/deal-board/cards?pipeline=${ids.pipeline}&stage=${stageId}`,
    permission: 'readContacts',
  },
  'GET export/contacts': {
    method: 'GET',
    path: () => '/email-marketing/export/contacts',
    permission: 'export',
  },
  'GET export/lists/:id': {
    method: 'GET',
    path: () => `/email-marketing/export/lists/${ids.list}`,
    permission: 'export',
  },
  'GET export/segments/:id': {
    method: 'GET',
    path: () => `/email-marketing/export/segments/${ids.segment}`,
    permission: 'export',
  },
  'GET lists/:id/members': {
    method: 'GET',
    path: () => `/email-marketing/lists/${ids.list}/members?search=reader`,
    permission: 'readContacts',
  },
  'GET imports/:id/header': {
    method: 'GET',
    path: () => '/email-marketing/imports/999999/header',
    permission: 'import',
  },
  'GET imports/:id/rejected': {
    method: 'GET',
    path: () => '/email-marketing/imports/999999/rejected',
    permission: 'import',
  },
  'GET messages/:id/rendered': {
    method: 'GET',
    path: () => '/email-marketing/messages/999999/rendered',
    permission: 'readContacts',
  },
  'POST campaigns/:id/duplicate': {
    method: 'POST',
    path: () => `/email-marketing/campaigns/${ids.campaign}/duplicate`,
    permission: 'manageCampaigns',
  },
  'POST campaigns/:id/pause': {
    method: 'POST',
    path: () => `/email-marketing/campaigns/${ids.campaign}/pause`,
    permission: 'manageCampaigns',
  },
  'POST campaigns/:id/resume': {
    method: 'POST',
    path: () => `/email-marketing/campaigns/${ids.campaign}/resume`,
    permission: 'manageCampaigns',
  },
  'POST campaigns/:id/schedule': {
    body: { at: '2099-01-01T10:00:00Z' },
    method: 'POST',
    path: () => `/email-marketing/campaigns/${ids.campaign}/schedule`,
    permission: 'manageCampaigns',
  },
  'POST campaigns/:id/unschedule': {
    method: 'POST',
    path: () => `/email-marketing/campaigns/${ids.campaign}/unschedule`,
    permission: 'manageCampaigns',
  },
  'POST campaigns/:id/test': {
    body: { addresses: ['test@example.com'] },
    method: 'POST',
    path: () => `/email-marketing/campaigns/${ids.campaign}/test`,
    permission: 'manageCampaigns',
  },
  'POST campaigns/:id/send': {
    method: 'POST',
    path: () => `/email-marketing/campaigns/${ids.campaign}/send`,
    permission: 'manageCampaigns',
  },
  'POST campaigns/:id/cancel': {
    method: 'POST',
    path: () => `/email-marketing/campaigns/${ids.campaign}/cancel`,
    permission: 'manageCampaigns',
  },
  'POST contacts/bulk': {
    // A stale count (409) passes the guard and changes nothing.
    body: { action: 'delete', expectedCount: 999_999, selection: { filter: { status: 'active' } } },
    method: 'POST',
    path: () => '/email-marketing/contacts/bulk',
    permission: 'changeContacts',
  },
  'POST contacts/bulk/count': {
    body: { selection: { filter: { status: 'active' } } },
    method: 'POST',
    path: () => '/email-marketing/contacts/bulk/count',
    permission: 'readContacts',
  },
  'POST lists/:id/members': {
    body: { emails: ['reader@example.com'] },
    method: 'POST',
    path: () => `/email-marketing/lists/${ids.list}/members`,
    permission: 'changeContacts',
  },
  'POST lists/:id/members/remove': {
    body: { contacts: [1] },
    method: 'POST',
    path: () => '/email-marketing/lists/999999/members/remove',
    permission: 'changeContacts',
  },
  'POST contacts/:id/erase': {
    method: 'POST',
    path: () => `/email-marketing/contacts/${ids.erasable}/erase`,
    permission: 'erase',
  },
  'POST events': {
    body: { email: 'reader@example.com', event: 'purchase' },
    method: 'POST',
    path: () => '/email-marketing/events',
    permission: 'trackEvents',
  },
  'POST imports/:id/start': {
    body: { mapping: { email: 'email' } },
    method: 'POST',
    path: () => '/email-marketing/imports/999999/start',
    permission: 'import',
  },
  'POST one-to-one': {
    body: { body: '<p>Hello</p>', contact: 0, subject: 'Hello' },
    method: 'POST',
    path: () => '/email-marketing/one-to-one',
    permission: 'sendOneToOne',
  },
  'POST one-to-one/preview': {
    body: { body: '<p>Hello</p>', contact: 0, subject: 'Hello' },
    method: 'POST',
    path: () => '/email-marketing/one-to-one/preview',
    permission: 'sendOneToOne',
  },
  'POST segments/count': {
    body: { groups: [], match: 'all' },
    method: 'POST',
    path: () => '/email-marketing/segments/count',
    permission: 'readContacts',
  },
  'POST transactional': {
    body: {
      data: { orderNumber: 'A-1', total: 10 },
      template: 'order-confirmation',
      to: 'reader@example.com',
    },
    method: 'POST',
    path: () => '/email-marketing/transactional',
    permission: 'sendTransactional',
  },
  'POST transactional/preview': {
    body: { template: { html: '<p>Hi</p>', mode: 'html', subject: 'Hi' } },
    method: 'POST',
    path: () => '/email-marketing/transactional/preview',
    permission: 'readContacts',
  },
  'POST transactional/test': {
    body: { template: 'order-confirmation', to: 'test@example.com' },
    method: 'POST',
    path: () => '/email-marketing/transactional/test',
    permission: 'sendTransactional',
  },
}

/** What each caller may do under the least-privilege options (`accessFixture.ts`). */
const allowed = (caller: Caller, permission: Permission): boolean =>
  caller === 'admin' ||
  (caller === 'apiKey' && (permission === 'sendTransactional' || permission === 'trackEvents'))

const refusedStatus: Record<Exclude<Caller, 'admin'>, number> = {
  anonymous: 401,
  apiKey: 403,
  customer: 403,
  deniedAdmin: 403,
}

beforeAll(async () => {
  app = await bootSendingApp({
    cacheKey: 'default',
    name: 'access_endpoint_matrix',
    plugin: leastPrivilegeOptions,
  })
  credentials = await createCallers(app.payload, app.config)
  await createOrderTemplates(app.payload)
  const list = await createList(app.payload, 'Readers')
  const contact = await app.payload.create({
    collection: slugs.contacts,
    data: { email: 'reader@example.com', firstName: 'Reader' },
  })
  await app.payload.create({
    collection: slugs.subscriptions,
    data: { contact: contact.id, list, status: 'subscribed' },
  })
  const erasable = await app.payload.create({
    collection: slugs.contacts,
    data: { email: 'erase-me@example.com' },
  })
  const segment = await app.payload.create({
    collection: slugs.segments,
    data: { name: 'Everyone' } as never,
  })
  const pipeline = await createPipeline(app.payload, 'Sales', [
    ['Lead', 10],
    ['Won', 100],
  ])
  stageId = pipeline.stages[0]!.stageId
  const automation = await app.payload.create({
    collection: slugs.automations,
    data: { name: 'Welcome' } as never,
  })
  const campaign = await createCampaign(app.payload, {
    audience: { lists: [list] },
    content: paragraph('Hello'),
  })
  ids = {
    automation: automation.id as number,
    campaign,
    contact: contact.id as number,
    erasable: erasable.id as number,
    list,
    pipeline: pipeline.id,
    segment: segment.id as number,
  }
  for (const key of ['POST one-to-one', 'POST one-to-one/preview']) {
    endpoints[key]!.body = { body: '<p>Hello</p>', contact: ids.contact, subject: 'Hello' }
  }
})

afterAll(async () => {
  await app?.shutdown()
})

describe.each(callers.filter((caller) => caller !== 'admin'))('%s', (caller) => {
  it('is refused by every endpoint it has no permission for, and nothing is queued, sent or changed', async () => {
    const before = await databaseState(app.payload)
    const outcomes: Record<string, number> = {}
    const expected: Record<string, number> = {}
    for (const [name, call] of Object.entries(endpoints)) {
      if (allowed(caller, call.permission)) continue
      outcomes[name] = (
        await rest(app.config, credentials[caller], call.method, call.path(), call.body)
      ).status
      expected[name] = refusedStatus[caller as Exclude<Caller, 'admin'>]
    }
    expect(Object.keys(outcomes).length).toBeGreaterThan(20)
    expect(outcomes).toEqual(expected)
    await drainOutbox(app.payload)
    expect(await databaseState(app.payload)).toEqual(before)
    expect(app.postmark.accepted).toHaveLength(0)
  })
})

describe('the API-key user (transactional and events only)', () => {
  it('sends transactional email and tracks events with its key, and the email reaches Postmark', async () => {
    const send = await rest(
      app.config,
      credentials.apiKey,
      'POST',
      '/email-marketing/transactional',
      endpoints['POST transactional']!.body,
    )
    expect(send.status).toBe(201)
    expect(
      (
        await rest(
          app.config,
          credentials.apiKey,
          'POST',
          '/email-marketing/events',
          endpoints['POST events']!.body,
        )
      ).status,
    ).toBe(200)
    await drainOutbox(app.payload)
    expect(app.postmark.accepted.map((message) => message.To)).toEqual(['reader@example.com'])
  })
})

describe('an admin user', () => {
  it('passes the guard of every endpoint', async () => {
    const statuses: Record<string, number> = {}
    for (const [name, call] of Object.entries(endpoints)) {
      const answer = await rest(app.config, credentials.admin, call.method, call.path(), call.body)
      statuses[name] = answer.status
    }
    // Imports 999999 does not exist (404): the guard let the admin through to the lookup.
    const passed = Object.fromEntries(
      Object.entries(statuses).map(([name, status]) => [
        name,
        status < 300 || status === 404 || status === 409,
      ]),
    )
    expect(passed).toEqual(Object.fromEntries(Object.keys(endpoints).map((name) => [name, true])))
    expect(statuses['GET imports/:id/header']).toBe(404)
    expect(statuses['POST contacts/:id/erase']).toBe(200)
    const denials = rowsOf<{ count: number }>(
      await app.payload.db.drizzle.execute(
        sql`SELECT count(*)::int AS count FROM ${tables.auditLog} WHERE user_email = 'admin@example.com' AND action = 'access.denied'`,
      ),
    )
    expect(denials[0]!.count).toBe(0)
  })
})
