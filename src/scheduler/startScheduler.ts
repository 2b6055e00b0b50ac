import type { Payload } from 'payload'

import { schedule, type ScheduledTask, validate } from 'node-cron'

import { automationTick } from '../automations/engine/automationTick.js'
import { campaignTick } from '../campaigns/campaignTick.js'
import { runImportTick } from '../imports/runImportTick.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { outboxTick } from '../sending/outboxTick.js'
import { syncPostmarkSuppressions } from '../suppressions/syncPostmarkSuppressions.js'

type Tick = { cron: string; name: string; option: string; run: () => Promise<unknown> }

/**
 * One scheduler per process, kept on globalThis: Next.js dev re-creates Payload on hot reload and
 * runs onInit again, and the previous instance's ticks must stop with it.
 */
type SchedulerState = { inFlight?: Promise<unknown>; payload: Payload; tasks: ScheduledTask[] }
const holder = globalThis as { __emailMarketingScheduler?: SchedulerState }

/** Runs one outbox tick unless one is already running in this process; rows are claimed in Postgres either way. */
const runOutboxTick = (state: SchedulerState): Promise<unknown> => {
  if (state.inFlight) return state.inFlight
  state.inFlight = outboxTick(state.payload)
    .catch((error: unknown) => state.payload.logger.error({ err: error, msg: 'email-marketing: outbox tick failed; the next tick retries' }))
    .finally(() => (state.inFlight = undefined))
  return state.inFlight
}

const ticksFor = (state: SchedulerState): Tick[] => {
  const { payload } = state
  const { automations, imports, postmark, scheduler, suppressions } = pluginOptionsOf(payload)
  const ticks: Tick[] = [
    { cron: scheduler.outboxCron, name: 'outbox', option: 'scheduler.outboxCron', run: () => runOutboxTick(state) },
    { cron: scheduler.campaignCron, name: 'campaign', option: 'scheduler.campaignCron', run: () => campaignTick(payload).then(() => kickOutbox(payload)) },
    { cron: imports.cron, name: 'import', option: 'imports.cron', run: () => runImportTick(payload) },
    {
      cron: automations.cron,
      name: 'automation',
      option: 'automations.cron',
      run: () => automationTick(payload).then((result) => result.steps > 0 && kickOutbox(payload)),
    },
  ]
  if (suppressions.sync && postmark.serverToken) {
    ticks.push({ cron: suppressions.cron, name: 'suppression sync', option: 'suppressions.cron', run: () => syncPostmarkSuppressions(payload) })
  }
  return ticks
}

/**
 * Starts this process's node-cron ticks. Cron only calls exported ticks; every process drains the
 * shared queues with SKIP LOCKED, so more processes mean more throughput, not duplicates.
 */
export const startScheduler = (payload: Payload): void => {
  if (!pluginOptionsOf(payload).scheduler.enabled || holder.__emailMarketingScheduler?.payload === payload) return
  const state: SchedulerState = { payload, tasks: [] }
  const ticks = ticksFor(state)
  for (const tick of ticks) {
    if (!validate(tick.cron)) {
      throw new Error(`payload-plugin-email-marketing: ${tick.option} "${tick.cron}" is not a valid cron expression.`)
    }
  }
  void stopTasks(holder.__emailMarketingScheduler)
  state.tasks = ticks.map((tick) =>
    schedule(
      tick.cron,
      () =>
        tick.run().catch((error: unknown) => payload.logger.error({ err: error, msg: `email-marketing: ${tick.name} tick failed; the next tick retries` })),
      { name: `email-marketing-${tick.name}`, noOverlap: true },
    ),
  )
  holder.__emailMarketingScheduler = state
}

const stopTasks = async (state: SchedulerState | undefined): Promise<void> => {
  if (!state) return
  for (const task of state.tasks) await task.destroy()
  await state.inFlight
}

export const stopScheduler = async (payload: Payload): Promise<void> => {
  const state = holder.__emailMarketingScheduler
  if (state?.payload !== payload) return
  holder.__emailMarketingScheduler = undefined
  await stopTasks(state)
}

/** Sends transactional mail right after it is queued instead of waiting for the next tick. */
export const kickOutbox = (payload: Payload): void => {
  const state = holder.__emailMarketingScheduler
  if (state?.payload === payload) setImmediate(() => void runOutboxTick(state))
}
