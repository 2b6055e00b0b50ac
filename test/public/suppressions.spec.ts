import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { syncPostmarkSuppressions } from '../../src/suppressions/syncPostmarkSuppressions'
import { createContact } from './publicFixture'
import { slugs } from '../helpers/slugs'

let app: SendingApp

const statusOf = async (id: number) =>
  ((await app.payload.findByID({ collection: slugs.contacts, id })) as any).status

beforeAll(async () => {
  app = await bootSendingApp({
    name: 'public-suppressions',
    plugin: { suppressions: { sync: true } },
  })
})

afterAll(async () => {
  await app?.shutdown()
})

it("pulls Postmark's broadcast suppression list into contact statuses, lifts unsubscribes older than a new opt-in, and is idempotent", async () => {
  const { payload } = app
  const bounced = await createContact(payload, 'bounced@example.com')
  const complained = await createContact(payload, 'complained@example.com')
  const unsubscribed = await createContact(payload, 'left@example.com')
  const optedInAgain = await createContact(payload, 'back@example.com')
  const untouched = await createContact(payload, 'fine@example.com')
  await payload.update({
    collection: slugs.contacts,
    id: optedInAgain.id,
    data: { consent: { at: '2026-06-01T00:00:00.000Z' } },
  })
  const suppressed = new Map([
    [
      'bounced@example.com',
      {
        CreatedAt: '2026-05-01T00:00:00Z',
        Origin: 'Recipient' as const,
        SuppressionReason: 'HardBounce' as const,
      },
    ],
    [
      'complained@example.com',
      {
        CreatedAt: '2026-05-01T00:00:00Z',
        Origin: 'Recipient' as const,
        SuppressionReason: 'SpamComplaint' as const,
      },
    ],
    [
      'left@example.com',
      {
        CreatedAt: '2026-05-01T00:00:00Z',
        Origin: 'Recipient' as const,
        SuppressionReason: 'ManualSuppression' as const,
      },
    ],
    [
      'back@example.com',
      {
        CreatedAt: '2026-05-01T00:00:00Z',
        Origin: 'Recipient' as const,
        SuppressionReason: 'ManualSuppression' as const,
      },
    ],
  ])
  app.postmark.suppressions.set('broadcast', suppressed)

  expect(await syncPostmarkSuppressions(payload)).toEqual({
    marked: 3,
    released: 1,
    suppressions: 4,
  })
  expect(await statusOf(bounced.id)).toBe('bounced')
  expect(await statusOf(complained.id)).toBe('complained')
  expect(await statusOf(unsubscribed.id)).toBe('unsubscribed')
  expect(await statusOf(optedInAgain.id)).toBe('active')
  expect(await statusOf(untouched.id)).toBe('active')
  expect([...suppressed.keys()].sort()).toEqual([
    'bounced@example.com',
    'complained@example.com',
    'left@example.com',
  ])

  expect(await syncPostmarkSuppressions(payload)).toEqual({
    marked: 0,
    released: 0,
    suppressions: 3,
  })
})
