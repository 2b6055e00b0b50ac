import type { Payload } from 'payload'

import { pluginOptionsOf } from '../../pluginContext.js'
import { stepRunners } from '../steps/stepRegistry.js'
import { claimEnrollments } from './claimEnrollments.js'
import { activeTriggers } from '../triggers/activeTriggers.js'
import { consumeEvents } from './consumeEvents.js'
import { enrollDateTriggers } from './dateTriggers.js'
import { pruneEvents } from './pruneEvents.js'
import { runBatch } from './runBatch.js'
import type { AutomationDoc } from './stepTypes.js'

export type AutomationTickResult = {
  batches: number
  claimed: number
  dateEnrolled: number
  /** Enrollments the consumed trigger events started. */
  eventEnrolled: number
  /** Trigger events consumed (marked processed). */
  events: number
  steps: number
}

/**
 * One engine tick: consumes the trigger events recorded since the last one (enrolling their
 * contacts), enrolls due date-based triggers, prunes old processed events, then claims due enrollments batch by batch
 * (`automations.concurrency` batches at a time) and advances each until it waits or ends, until
 * nothing is due or `budgetMs` is spent. `now` is
 * the engine's clock (tests move it forward); leases use the wall clock.
 */
export const automationTick = async (
  payload: Payload,
  {
    budgetMs = 10_000,
    maxBatches = Infinity,
    now = new Date(),
  }: { budgetMs?: number; maxBatches?: number; now?: Date } = {},
): Promise<AutomationTickResult> => {
  const options = pluginOptionsOf(payload)
  const runners = stepRunners(options)
  const automationCache = new Map<number, AutomationDoc | null>()
  const started = Date.now()
  const triggers = await activeTriggers(payload)
  const consumed = await consumeEvents(payload, { budgetMs, now, triggers })
  const result: AutomationTickResult = {
    batches: 0,
    claimed: 0,
    dateEnrolled: await enrollDateTriggers(payload, now, triggers),
    eventEnrolled: consumed.enrolled,
    events: consumed.events,
    steps: 0,
  }
  await pruneEvents(payload)
  const lane = async () => {
    while (result.batches < maxBatches && Date.now() - started < budgetMs) {
      result.batches += 1
      const claimed = await claimEnrollments(payload, { limit: options.automations.batchSize, now })
      if (claimed.length === 0) {
        result.batches -= 1
        return
      }
      const batch = await runBatch(payload, claimed, { automationCache, now, options, runners })
      result.claimed += claimed.length
      result.steps += batch.steps
    }
  }
  await Promise.all(Array.from({ length: options.automations.concurrency }, lane))
  return result
}
