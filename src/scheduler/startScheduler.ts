import type { Payload } from 'payload'

import { schedule, type ScheduledTask, validate } from 'node-cron'

import { automationTick } from '../automations/engine/automationTick.js'
import { campaignTick } from '../campaigns/campaignTick.js'
import { runImportTick } from '../imports/runImportTick.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { retentionTick } from '../retention/retentionTick.js'
import { onOutboxWork, signalOutboxWork } from '../sending/outboxSignal.js'
import { outboxTick } from '../sending/outboxTick.js'
import { syncPostmarkSuppressions } from '../suppressions/syncPostmarkSuppressions.js'
import { type GuardedTick, guardTick, type TickHealth } from './guardTick.js'

type Tick = { cron: string; name: string; option: string; run: () => Promise<unknown> }

/**
 * One scheduler per process, kept on globalThis: Next.js dev re-creates Payload on hot reload and
 * runs onInit again, and the previous instance's ticks must stop with it.
 */
type SchedulerState = {
  guards: Map<string, GuardedTick>
  payload: Payload
  stopping: AbortController
  tasks: ScheduledTask[]
  unsubscribe?: () => void
}
const holder = globalThis as { __emailMarketingScheduler?: SchedulerState }

const ticksFor = (state: SchedulerState): Tick[] => {
  const { payload } = state
  const { automations, imports, postmark, retention, scheduler, suppressions } =
    pluginOptionsOf(payload)
  const ticks: Tick[] = [
    // Once stopping, the drain claims no new batch and hands back rows it claimed but did not start.
    // A drain that stopped on its budget with mail still due runs again at once, not at the next tick.
    {
      cron: scheduler.outboxCron,
      name: 'outbox',
      option: 'scheduler.outboxCron',
      run: () =>
        outboxTick(payload, { signal: state.stopping.signal }).then(
          (result) => result.more && signalOutboxWork(payload),
        ),
    },
    {
      cron: scheduler.campaignCron,
      name: 'campaign',
      option: 'scheduler.campaignCron',
      run: () => campaignTick(payload).then(() => signalOutboxWork(payload)),
    },
    {
      cron: imports.cron,
      name: 'import',
      option: 'imports.cron',
      run: () => runImportTick(payload),
    },
    {
      cron: automations.cron,
      name: 'automation',
      option: 'automations.cron',
      run: () =>
        automationTick(payload).then((result) => result.steps > 0 && signalOutboxWork(payload)),
    },
  ]
  if (retention.enabled) {
    ticks.push({
      cron: retention.cron,
      name: 'retention',
      option: 'retention.cron',
      run: () => retentionTick(payload),
    })
  }
  if (suppressions.sync && postmark.serverToken) {
    ticks.push({
      cron: suppressions.cron,
      name: 'suppression sync',
      option: 'suppressions.cron',
      run: () => syncPostmarkSuppressions(payload),
    })
  }
  return ticks
}

/**
 * Starts this process's node-cron ticks. Cron only calls exported ticks; every process drains the
 * shared queues with SKIP LOCKED, so more processes mean more throughput, not duplicates. A failing
 * tick (the database restarting, say) backs off and runs again; see guardTick.
 *
 * `force` starts it even when `scheduler.enabled` is false: a worker process shares the web app's
 * config, whose scheduler may be off.
 */
export const startScheduler = (
  payload: Payload,
  { force = false }: { force?: boolean } = {},
): void => {
  if (
    !(force || pluginOptionsOf(payload).scheduler.enabled) ||
    holder.__emailMarketingScheduler?.payload === payload
  )
    return
  const state: SchedulerState = {
    guards: new Map(),
    payload,
    stopping: new AbortController(),
    tasks: [],
  }
  const ticks = ticksFor(state)
  for (const tick of ticks) {
    if (!validate(tick.cron)) {
      throw new Error(
        `payload-plugin-email-marketing: ${tick.option} "${tick.cron}" is not a valid cron expression.`,
      )
    }
  }
  void stopTasks(holder.__emailMarketingScheduler)
  for (const tick of ticks)
    state.guards.set(
      tick.name,
      guardTick(payload, tick.name, tick.run, () => state.stopping.signal.aborted),
    )
  state.tasks = ticks.map((tick) =>
    schedule(tick.cron, () => state.guards.get(tick.name)!.run(), {
      name: `email-marketing-${tick.name}`,
      noOverlap: true,
    }),
  )
  // Mail queued in this instance (a password reset, say) is sent right away instead of at the next tick.
  state.unsubscribe = onOutboxWork(payload, () =>
    setImmediate(() => void state.guards.get('outbox')?.run()),
  )
  holder.__emailMarketingScheduler = state
}

/** Stops the cron tasks and waits for the ticks in flight; the outbox finishes its batches in flight. */
const stopTasks = async (state: SchedulerState | undefined): Promise<void> => {
  if (!state) return
  state.unsubscribe?.()
  state.stopping.abort()
  for (const task of state.tasks) await task.destroy()
  await Promise.all([...state.guards.values()].map((guard) => guard.inFlight ?? Promise.resolve()))
}

export const stopScheduler = async (payload: Payload): Promise<void> => {
  const state = holder.__emailMarketingScheduler
  if (state?.payload !== payload) return
  holder.__emailMarketingScheduler = undefined
  await stopTasks(state)
}

/** Each tick's failures in a row and last success, or undefined when this process runs no scheduler. */
export const schedulerHealth = (payload: Payload): TickHealth[] | undefined => {
  const state = holder.__emailMarketingScheduler
  return state?.payload === payload
    ? [...state.guards.values()].map((guard) => ({ ...guard.health }))
    : undefined
}
