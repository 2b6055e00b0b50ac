import type { Payload } from 'payload'

import { schedule, type ScheduledTask, validate } from 'node-cron'

import { pluginOptionsOf } from '../pluginContext.js'
import { outboxTick } from '../sending/outboxTick.js'

const running = new WeakMap<Payload, ScheduledTask[]>()
const inFlight = new WeakMap<Payload, Promise<unknown>>()

/** Runs one outbox tick unless one is already running in this process; rows are claimed in Postgres either way. */
const runOutboxTick = (payload: Payload): Promise<unknown> => {
  const current = inFlight.get(payload)
  if (current) return current
  const tick = outboxTick(payload)
    .catch((error: unknown) => payload.logger.error({ err: error, msg: 'email-marketing: outbox tick failed; the next tick retries' }))
    .finally(() => inFlight.delete(payload))
  inFlight.set(payload, tick)
  return tick
}

/**
 * Starts this process's node-cron ticks. Cron only calls exported ticks; every process drains the
 * shared outbox with SKIP LOCKED, so more processes mean more throughput, not duplicates.
 */
export const startScheduler = (payload: Payload): void => {
  const { scheduler } = pluginOptionsOf(payload)
  if (!scheduler.enabled || running.has(payload)) return
  if (!validate(scheduler.outboxCron)) {
    throw new Error(`payload-plugin-email-marketing: scheduler.outboxCron "${scheduler.outboxCron}" is not a valid cron expression.`)
  }
  const outbox = schedule(scheduler.outboxCron, () => runOutboxTick(payload), { name: 'email-marketing-outbox', noOverlap: true })
  running.set(payload, [outbox])
}

export const stopScheduler = async (payload: Payload): Promise<void> => {
  for (const task of running.get(payload) ?? []) await task.destroy()
  running.delete(payload)
  await inFlight.get(payload)
}

/** Sends transactional mail right after it is queued instead of waiting for the next tick. */
export const kickOutbox = (payload: Payload): void => {
  if (running.has(payload)) setImmediate(() => void runOutboxTick(payload))
}
