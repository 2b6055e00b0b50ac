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

  it('is handed back when the lanes fail, so only the failed batches wait for their leases', async () => {
    let first = true
    const broken: Mailer = {
      ...mailerFor(app.payload),
      sendBatch: async (messages) => {
        if (first) {
          first = false
          await untilClaimedAhead()
        }
        throw new Error(`The mailer broke on ${messages.length} emails.`)
      },
    }
    await expect(drainOutbox(app.payload, { mailer: broken })).rejects.toThrow(
      'The mailer broke on 10 emails.',
    )
    // Both lanes (one call slot and one lane more) failed a batch; the third, claimed ahead, went back.
    expect(await statusCounts(app.payload)).toEqual({ queued: 10, sending: 20 })
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

/** A promise and the function that resolves it. */
const deferred = <T = void>() => {
  let resolve: (value: T) => void = () => {}
  const promise = new Promise<T>((settle) => (resolve = settle))
  return { promise, resolve }
}

const statusCountsOf = async (ids: number[]) =>
  Object.fromEntries(
    rowsOf<{ count: number; status: string }>(
      await app.payload.db.drizzle.execute(
        sql`SELECT status::text, count(*)::int AS count FROM ${tables.messages} WHERE id = ANY(${arrayParam(ids)}::int[]) GROUP BY 1`,
      ),
    ).map((row) => [row.status, row.count]),
  )

describe('a batch whose results are being written', () => {
  it('gives its call slot to the next batch: the next Postmark call starts before they are written', async () => {
    const real = mailerFor(app.payload)
    const firstAnswered = deferred<number[]>()
    const locked = deferred()
    const unlock = deferred()
    const secondCall = deferred<Record<string, number>>()
    // Another connection locks the first batch's rows once Postmark has answered for them, so
    // writing that batch's results waits until the lock goes.
    const holdingLock = app.payload.db.drizzle.transaction(async (tx) => {
      const ids = await firstAnswered.promise
      await tx.execute(
        sql`SELECT id FROM ${tables.messages} WHERE id = ANY(${arrayParam(ids)}::int[]) FOR UPDATE`,
      )
      locked.resolve()
      await unlock.promise
    })
    let calls = 0
    let inFlight = 0
    let mostInFlight = 0
    let firstBatchIds: number[] = []
    const mailer: Mailer = {
      ...real,
      sendBatch: async (messages) => {
        calls += 1
        inFlight += 1
        mostInFlight = Math.max(mostInFlight, inFlight)
        try {
          if (calls === 2) secondCall.resolve(await statusCountsOf(firstBatchIds))
          const outcomes = await real.sendBatch(messages)
          if (calls === 1) {
            firstBatchIds = messages.map((message) => message.id)
            firstAnswered.resolve(firstBatchIds)
            await locked.promise
          }
          return outcomes
        } finally {
          inFlight -= 1
        }
      },
    }
    const drained = drainOutbox(app.payload, { mailer })
    const atSecondCall = await Promise.race([
      secondCall.promise,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000)),
    ])
    unlock.resolve()
    await holdingLock
    const result = await drained
    // The first batch was still `sending` (its results waiting on the lock) when the second call began.
    expect(atSecondCall).toEqual({ sending: 10 })
    expect(mostInFlight).toBe(1)
    expect(result).toMatchObject({ accepted: 30, batches: 3 })
    expect(app.postmark.accepted).toHaveLength(30)
    expect(app.postmark.duplicates()).toEqual([])
    expect(await statusCounts(app.payload)).toEqual({ sent: 30 })
  })
})
