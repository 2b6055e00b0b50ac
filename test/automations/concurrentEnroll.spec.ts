import { sql } from '@payloadcms/db-postgres'

import { automationTick, enroll, recordPostmarkWebhook } from '../../src/index'
import { enqueueMessages } from '../../src/sending/enqueueMessages'
import { rowsOf } from '../../src/utilities/db'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { openBody } from '../public/webhookPayloads'
import { type AutomationInput, createAutomation, createContact, email } from './automationFixtures'
import { tables } from '../helpers/slugs'

let app: TestPayload

beforeAll(async () => {
  app = await bootTestPayload({ name: 'automation-concurrent-enroll' })
})

afterAll(async () => {
  await app?.shutdown()
})

const rules: AutomationInput['reentry'][] = [{ rule: 'once' }, { days: 30, rule: 'afterDays' }]

const enrollmentCount = async (automationId: number, contactId: number) =>
  rowsOf<{ count: number }>(
    await app.payload.db.drizzle.execute(
      sql`SELECT count(*)::int AS count FROM ${tables.enrollments} WHERE automation_id = ${automationId} AND contact_id = ${contactId}`,
    ),
  )[0].count

const twenty = <T>(call: (index: number) => Promise<T>) =>
  Promise.all(Array.from({ length: 20 }, (_, index) => call(index)))

/** A message to the contact, so Postmark webhooks about it find their contact. */
const messageTo = async (contactId: number, address: string) =>
  (
    await enqueueMessages(app.payload, [
      { contact: contactId, html: '<p>x</p>', kind: 'campaign', subject: 'x', to: address },
    ])
  )[0].id

/** Four engine ticks at once, as four processes would run them (each on its own connections). */
const concurrentTicks = (now: Date) =>
  Promise.all(Array.from({ length: 4 }, () => automationTick(app.payload, { now })))

describe.each(rules)('re-entry rule %j under concurrency', (reentry) => {
  it('20 concurrent enroll calls for one contact enroll it once', async () => {
    const { payload } = app
    const automation = await createAutomation(payload, { reentry, steps: [email('Hi')] })
    const contact = await createContact(payload, `calls-${reentry!.rule}@example.com`)
    const results = await twenty(() =>
      enroll(payload, { automationId: automation.id, contactId: contact.id }),
    )
    expect(results.filter((result) => result.enrolled)).toHaveLength(1)
    expect(await enrollmentCount(automation.id, contact.id)).toBe(1)
  })

  it('20 concurrent deliveries of the same open webhook, and 20 different opens, enroll it once', async () => {
    const { payload } = app
    const automation = await createAutomation(payload, {
      reentry,
      steps: [email('Hi')],
      triggers: [{ blockType: 'emailOpened' }],
    })
    const address = `opens-${reentry!.rule}@example.com`
    const contact = await createContact(payload, address)
    const messageId = await messageTo(contact.id, address)
    const metadata = { messageId: String(messageId) }
    const same = openBody(`pm-${messageId}`, address, '2026-01-05T10:00:00Z', metadata)
    const outcomes = await twenty(() => recordPostmarkWebhook(payload, same))
    expect(outcomes.filter((answer) => answer.outcome === 'recorded')).toHaveLength(1)
    await concurrentTicks(new Date())
    expect(await enrollmentCount(automation.id, contact.id)).toBe(1)

    // Twenty distinct opens (twenty facts), consumed by four ticks at once: still one run.
    await twenty((index) =>
      recordPostmarkWebhook(
        payload,
        openBody(`pm-${messageId}`, address, `2026-01-05T11:00:${10 + index}Z`, metadata),
      ),
    )
    await concurrentTicks(new Date())
    expect(await enrollmentCount(automation.id, contact.id)).toBe(1)
  })

  it('enroll calls racing the engine consuming opens for the same contact enroll it once', async () => {
    const { payload } = app
    const automation = await createAutomation(payload, {
      reentry,
      steps: [email('Hi')],
      triggers: [{ blockType: 'emailOpened' }],
    })
    const address = `mixed-${reentry!.rule}@example.com`
    const contact = await createContact(payload, address)
    const messageId = await messageTo(contact.id, address)
    await twenty((index) =>
      recordPostmarkWebhook(
        payload,
        openBody(`pm-${messageId}`, address, `2026-01-06T11:00:${10 + index}Z`, {
          messageId: String(messageId),
        }),
      ),
    )
    await Promise.all([
      concurrentTicks(new Date()),
      twenty(() => enroll(payload, { automationId: automation.id, contactId: contact.id })),
    ])
    expect(await enrollmentCount(automation.id, contact.id)).toBe(1)
  })
})

it('every time: 20 concurrent enroll calls stop at the loop cap', async () => {
  const { payload } = app
  const automation = await createAutomation(payload, {
    reentry: { rule: 'everyTime' },
    steps: [email('Hi')],
  })
  const contact = await createContact(payload, 'loop-cap@example.com')
  await twenty(() => enroll(payload, { automationId: automation.id, contactId: contact.id }))
  // maxRunsPerWindow defaults to 10 runs per 24 h.
  expect(await enrollmentCount(automation.id, contact.id)).toBe(10)
})

it('again after N days: a contact whose last run is older than N days enrolls again, once', async () => {
  const { payload } = app
  const automation = await createAutomation(payload, {
    reentry: { days: 7, rule: 'afterDays' },
    steps: [email('Hi')],
  })
  const contact = await createContact(payload, 'after-days@example.com')
  const first = new Date('2026-02-01T10:00:00Z')
  await twenty(() =>
    enroll(payload, { automationId: automation.id, contactId: contact.id, now: first }),
  )
  const later = new Date(first.getTime() + 8 * 86_400_000)
  await twenty(() =>
    enroll(payload, { automationId: automation.id, contactId: contact.id, now: later }),
  )
  expect(await enrollmentCount(automation.id, contact.id)).toBe(2)
})
