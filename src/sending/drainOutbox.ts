import type { Payload } from 'payload'

import type { Mailer } from './mailer.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { claimMessages } from './claimMessages.js'
import { deliverBatch, type DeliveryCounts } from './deliverBatch.js'
import { mailerFor } from './mailerFor.js'
import { releaseClaims } from './releaseClaims.js'

export type DrainOptions = {
  /** Stop claiming new batches after this long; a batch in flight always finishes. @default 10000 */
  budgetMs?: number
  mailer?: Mailer
  /** Stop after this many claimed batches (per call, across all lanes). */
  maxBatches?: number
  now?: () => Date
  /** Once aborted, no new batch is claimed and what was claimed but not yet sent is handed back; batches being sent finish. */
  signal?: AbortSignal
}

/**
 * Claims and sends batches with `sending.concurrency` lanes until the outbox has nothing due, the
 * budget is spent or `maxBatches` is reached. Safe to run in any number of processes at once.
 */
export const drainOutbox = async (
  payload: Payload,
  drain: DrainOptions = {},
): Promise<DeliveryCounts & { batches: number }> => {
  const { sending } = pluginOptionsOf(payload)
  const mailer = drain.mailer ?? mailerFor(payload)
  const now = drain.now ?? (() => new Date())
  const deadline = Date.now() + (drain.budgetMs ?? 10_000)
  const maxBatches = drain.maxBatches ?? Number.POSITIVE_INFINITY
  const totals = { accepted: 0, batches: 0, failedCalls: 0, rejected: 0, suppressed: 0 }
  let empty = false
  let claiming: Promise<unknown> = Promise.resolve()

  /** Lanes claim one after another and stop after a short batch, so the outbox splits into full batches. */
  const claimNext = async () => {
    const previous = claiming
    let release = () => {}
    claiming = new Promise<void>((resolve) => (release = resolve))
    await previous
    try {
      if (empty || drain.signal?.aborted || Date.now() >= deadline || totals.batches >= maxBatches)
        return []
      const claimed = await claimMessages(payload, { limit: sending.batchSize, now: now() })
      if (drain.signal?.aborted) {
        await releaseClaims(payload, claimed)
        return []
      }
      if (claimed.length < sending.batchSize) empty = true
      if (claimed.length > 0) totals.batches += 1
      return claimed
    } finally {
      release()
    }
  }

  const lane = async () => {
    for (let claimed = await claimNext(); claimed.length > 0; claimed = await claimNext()) {
      const counts = await deliverBatch(payload, mailer, claimed, { now })
      totals.accepted += counts.accepted
      totals.rejected += counts.rejected
      totals.failedCalls += counts.failedCalls
      totals.suppressed += counts.suppressed
    }
  }
  await Promise.all(Array.from({ length: sending.concurrency }, lane))
  return totals
}
