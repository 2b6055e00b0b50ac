import { drainOutbox } from '../../src/sending/drainOutbox'
import { enqueueMessages } from '../../src/sending/enqueueMessages'
import { withContacts } from '../helpers/outboxRows'
import { broadcastInputs, bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'

// A file of its own: Payload skips the dev schema push for a second instance in the same process.
let app: SendingApp

beforeAll(async () => {
  app = await bootSendingApp({
    name: 'ratelimit',
    sending: { rateLimitPerMinute: { broadcast: 120 } },
  })
})

afterAll(async () => {
  await app?.shutdown()
})

const later = (seconds: number) => () => new Date(Date.now() + seconds * 1000)

it('keeps each stream to its per-minute rate limit, and does not hold back other streams', async () => {
  await enqueueMessages(app.payload, await withContacts(app.payload, broadcastInputs(300)))
  await enqueueMessages(
    app.payload,
    broadcastInputs(5, { kind: 'transactional', prefix: 'urgent' }),
  )
  await drainOutbox(app.payload)
  expect(
    app.postmark.accepted.filter((message) => message.MessageStream === 'broadcast'),
  ).toHaveLength(120)
  expect(
    app.postmark.accepted.filter((message) => message.MessageStream === 'outbound'),
  ).toHaveLength(5)
  await drainOutbox(app.payload)
  expect(app.postmark.accepted).toHaveLength(125)
  await drainOutbox(app.payload, { now: later(61) })
  expect(app.postmark.accepted).toHaveLength(245)
  await drainOutbox(app.payload, { now: later(122) })
  expect(app.postmark.accepted).toHaveLength(305)
  expect(app.postmark.duplicates()).toEqual([])
})
