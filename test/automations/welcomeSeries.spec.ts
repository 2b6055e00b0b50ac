import { sql } from '@payloadcms/db-postgres'

import { unsubscribeUrlPlaceholder } from '../../src/subscriptions/unsubscribeLinks'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import {
  createAutomation,
  createContact,
  createList,
  day,
  email,
  enrollmentsOf,
  historyOf,
  messagesTo,
  subscribe,
  tickAt,
  wait,
} from './automationFixtures'
import { tables } from '../helpers/slugs'

let app: TestPayload

beforeAll(async () => {
  app = await bootTestPayload({ name: 'automation-welcome' })
})

afterAll(async () => {
  await app?.shutdown()
})

describe('a three-email welcome series', () => {
  it('sends exactly three emails in order on a moved clock and completes', async () => {
    const { payload } = app
    const list = await createList(payload, 'Newsletter')
    const automation = await createAutomation(payload, {
      steps: [email('Welcome'), wait(1), email('Getting started'), wait(3), email('Tips')],
      triggers: [{ blockType: 'listSubscribed', list: list.id }],
    })
    const contact = await createContact(payload, 'ada@example.com', { firstName: 'Ada' })
    await subscribe(payload, contact.id, list.id)
    const [enrollment] = await enrollmentsOf(payload, automation.id)
    expect(enrollment).toMatchObject({ contact_id: contact.id, status: 'active' })
    // After the enrollment, which is due from the moment the subscription's fact was consumed.
    const start = new Date()

    await tickAt(payload, start)
    expect((await messagesTo(payload, 'ada@example.com')).map((m) => m.subject)).toEqual([
      'Welcome',
    ])
    await tickAt(payload, new Date(start.getTime() + day / 2))
    expect(await messagesTo(payload, 'ada@example.com')).toHaveLength(1)
    await tickAt(payload, new Date(start.getTime() + day + 60_000))
    expect((await messagesTo(payload, 'ada@example.com')).map((m) => m.subject)).toEqual([
      'Welcome',
      'Getting started',
    ])
    await tickAt(payload, new Date(start.getTime() + 3 * day))
    expect(await messagesTo(payload, 'ada@example.com')).toHaveLength(2)
    await tickAt(payload, new Date(start.getTime() + 4 * day + 120_000))
    await tickAt(payload, new Date(start.getTime() + 30 * day))

    const messages = await messagesTo(payload, 'ada@example.com')
    expect(messages.map((m) => m.subject)).toEqual(['Welcome', 'Getting started', 'Tips'])
    expect(messages.map((m) => m.kind)).toEqual(['automation', 'automation', 'automation'])
    expect(messages.map((m) => m.dedupe_key)).toEqual([
      `step:${enrollment.id}:0`,
      `step:${enrollment.id}:2`,
      `step:${enrollment.id}:4`,
    ])
    expect(messages[0].html).toContain('Hi Ada, Welcome')
    // The outbox signs the link for the message's own id at send time (withUnsubscribeLinks).
    expect(messages[0].html).toContain(`href="${unsubscribeUrlPlaceholder}"`)
    const [done] = await enrollmentsOf(payload, automation.id)
    expect(done.status).toBe('completed')
    expect(
      (await historyOf(payload, enrollment.id)).map((entry) => `${entry.step}:${entry.step_type}`),
    ).toEqual(['0:sendEmail', '1:wait', '1:wait', '2:sendEmail', '3:wait', '3:wait', '4:sendEmail'])
    const [{ count }] = (
      await payload.db.drizzle.execute(sql`SELECT count(*)::int AS count FROM ${tables.messages}`)
    ).rows as { count: number }[]
    expect(count).toBe(3)
  })
})
