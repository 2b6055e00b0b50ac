import type { Payload } from 'payload'

import { schedule, type ScheduledTask, validate } from 'node-cron'

import { automationTick } from '../automations/engine/automationTick.js'
import { campaignTick } from '../campaigns/campaignTick.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { outboxTick } from '../sending/outboxTick.js'
import { syncPostmarkSuppressions } from '../suppressions/syncPostmarkSuppressions.js'
import { runImportTick } from '../imports/runImportTick.js'

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
  if (!validate(scheduler.campaignCron)) {
    throw new Error(`payload-plugin-email-marketing: scheduler.campaignCron "${scheduler.campaignCron}" is not a valid cron expression.`)
  }
  const campaigns = schedule(
    scheduler.campaignCron,
    () =>
      campaignTick(payload)
        .then(() => kickOutbox(payload))
        .catch((error: unknown) => payload.logger.error({ err: error, msg: 'email-marketing: campaign tick failed; the next tick retries' })),
    { name: 'email-marketing-campaigns', noOverlap: true },
  )
  running.get(payload)?.push(campaigns)
  const { imports } = pluginOptionsOf(payload)
  if (!validate(imports.cron)) {
    throw new Error(`payload-plugin-email-marketing: imports.cron "${imports.cron}" is not a valid cron expression.`)
  }
  running.get(payload)?.push(schedule(imports.cron, () => runImportTick(payload), { name: 'email-marketing-imports', noOverlap: true }))
  const { automations } = pluginOptionsOf(payload)
  if (!validate(automations.cron)) {
    throw new Error(`payload-plugin-email-marketing: automations.cron "${automations.cron}" is not a valid cron expression.`)
  }
  const automationTask = schedule(
    automations.cron,
    () =>
      automationTick(payload)
        .then((result) => result.steps > 0 && kickOutbox(payload))
        .catch((error: unknown) => payload.logger.error({ err: error, msg: 'email-marketing: automation tick failed; the next tick retries' })),
    { name: 'email-marketing-automations', noOverlap: true },
  )
  running.get(payload)?.push(automationTask)
  const { postmark, suppressions } = pluginOptionsOf(payload)
  if (suppressions.sync && postmark.serverToken) {
    if (!validate(suppressions.cron)) {
      throw new Error(`payload-plugin-email-marketing: suppressions.cron "${suppressions.cron}" is not a valid cron expression.`)
    }
    const suppressionTask = schedule(
      suppressions.cron,
      () =>
        syncPostmarkSuppressions(payload).catch((error: unknown) =>
          payload.logger.error({ err: error, msg: 'email-marketing: Postmark suppression sync failed; the next tick retries' }),
        ),
      { name: 'email-marketing-suppressions', noOverlap: true },
    )
    running.get(payload)?.push(suppressionTask)
  }
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
