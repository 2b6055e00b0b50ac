import { sql } from '@payloadcms/db-postgres'

import type { Mailer } from '../../src/sending/mailer'

import { drainOutbox } from '../../src/sending/drainOutbox'
import { enqueueMessages } from '../../src/sending/enqueueMessages'
import { mailerFor } from '../../src/sending/mailerFor'
import { arrayParam, rowsOf } from '../../src/utilities/db'
import { broadcastInputs, bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { statusCounts, withContacts } from '../helpers/outboxRows'
import { tables } from '../helpers/slugs'

// One lane and batches of 10, so the batch claimed ahead is always the second of three. The test
// app leases for 3 s with a 2 s Postmark timeout: a batch may start its call within 1 s of its claim.
let app: SendingApp

beforeAll(async () => {
  app = await bootSendingApp({ name: 'claim_ahead', sending: { batchSize: 10, concurrency: 1 } })
})

afterAll(async () => {
  await app?.shutdown()
})

beforeEach(async () => {
  await app.payload.db.drizzle.execute(sql`TRUNCATE ${tables.messages} CASCADE`)
  app.postmark.reset()
  await enqueueMessages(app.payload, await withContacts(app.payload, broadcastInputs(30)))
})

/** Waits until the lane's batch and the one claimed ahead of it are both `sending`. */
const untilClaimedAhead = async () => {
  const deadline = Date.now() + 10_000
  while (((await statusCounts(app.payload)).sending ?? 0) < 20) {
    if (Date.now() > deadline) throw new Error('The drain never claimed a second batch ahead.')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** The real mailer, with `beforeFirstCall` run once before its first batch call. */
const mailerWith = (beforeFirstCall: () => Promise<void>): Mailer => {
  const mailer = mailerFor(app.payload)
  let first = true
  return {
    ...mailer,
    sendBatch: async (messages) => {
      if (first) {
        first = false
        await beforeFirstCall()
      }
      return mailer.sendBatch(messages)
    },
  }
}

const attemptsByStatus = async () =>
  rowsOf<{ attempts: number; count: number; status: string }>(
    await app.payload.db.drizzle.execute(
      sql`SELECT status::text, attempts::int, count(*)::int AS count FROM ${tables.messages} GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
  )

describe('the batch claimed ahead', () => {
  it('is handed back, not sent, when the drain is stopped before a lane takes it', async () => {
    const stopping = new AbortController()
    const mailer = mailerWith(async () => {
      await untilClaimedAhead()
      stopping.abort()
    })
    const result = await drainOutbox(app.payload, { mailer, signal: stopping.signal })
    expect(result).toMatchObject({ accepted: 10, batches: 1 })
    expect(app.postmark.accepted).toHaveLength(10)
    // Handed back as never claimed: queued again, its claim's attempt undone.
    expect(await attemptsByStatus()).toEqual([
      { attempts: 0, count: 20, status: 'queued' },
      { attempts: 1, count: 10, status: 'sent' },
    ])
  })

  it('is handed back when a lane fails, so only the failed batch waits for its lease', async () => {
    const mailer = mailerWith(async () => {
      await untilClaimedAhead()
      throw new Error('The mailer broke.')
    })
    await expect(drainOutbox(app.payload, { mailer })).rejects.toThrow('The mailer broke.')
    expect(await statusCounts(app.payload)).toEqual({ queued: 20, sending: 10 })
    expect(app.postmark.accepted).toHaveLength(0)
  })

  it('is sent only while its lease has a whole Postmark call left, else claimed again', async () => {
    let offsetMs = 0
    const now = () => new Date(Date.now() + offsetMs)
    const waits: number[] = []
    const mailer = mailerWith(async () => {
      await untilClaimedAhead()
      offsetMs += 2000
    })
    const timed: Mailer = {
      ...mailer,
      sendBatch: async (messages) => {
        const outcomes = await mailer.sendBatch(messages)
        const [{ claimed }] = rowsOf<{ claimed: Date }>(
          await app.payload.db.drizzle.execute(
            sql`SELECT min(claimed_at) AS claimed FROM ${tables.messages} WHERE id = ANY(${arrayParam(messages.map((message) => message.id))}::int[])`,
          ),
        )
        waits.push(now().getTime() - new Date(claimed).getTime())
        return outcomes
      },
    }
    const result = await drainOutbox(app.payload, { mailer: timed, now })
    expect(result).toMatchObject({ accepted: 30, batches: 3 })
    expect(waits).toHaveLength(3)
    // The first batch's call began before the clock moved; the others were claimed after it.
    expect(waits.slice(1).every((wait) => wait < 1000)).toBe(true)
    expect(app.postmark.accepted).toHaveLength(30)
    expect(app.postmark.duplicates()).toEqual([])
    expect(await statusCounts(app.payload)).toEqual({ sent: 30 })
  })
})
