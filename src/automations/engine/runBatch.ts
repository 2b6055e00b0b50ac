import type { Payload } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../../types.js'
import type { AutomationDoc, ClaimedEnrollment, StepDefinition } from './stepTypes.js'

import { enqueueMessages } from '../../sending/enqueueMessages.js'
import { findByIds } from '../../utilities/findByIds.js'
import { advanceRun, checkExitAndGoals, type RunEnvironment } from './advanceRun.js'
import { type EnrollmentRun, startRun } from './enrollmentRun.js'
import { loadContacts } from './loadContacts.js'
import { nextPath } from './stepPaths.js'
import { writeBack } from './writeBack.js'

const pausedRetryMs = 5 * 60_000

/**
 * Advances one claimed batch: loads its automations and contacts once, steps every enrollment in
 * memory, sends the batch's emails in one outbox INSERT per round (dedupe key
 * `step:<enrollment>:<path>`), and writes every enrollment back in one transaction.
 */
export const runBatch = async (
  payload: Payload,
  claimed: ClaimedEnrollment[],
  {
    automationCache,
    now,
    options,
    runners,
  }: {
    automationCache: Map<number, AutomationDoc | null>
    now: Date
    options: SanitizedEmailMarketingOptions
    runners: Map<string, StepDefinition>
  },
): Promise<{ runs: EnrollmentRun[]; steps: number }> => {
  // Automations are read once per tick: a doc with every step block is an expensive query.
  const missing = [...new Set(claimed.map((row) => row.automationId))].filter(
    (id) => !automationCache.has(id),
  )
  if (missing.length > 0) {
    const loaded = await findByIds<AutomationDoc>(payload, options.slugs.automations, missing)
    for (const id of missing) automationCache.set(id, loaded.get(id) ?? null)
  }
  const automations = new Map(
    [...automationCache].filter((entry): entry is [number, AutomationDoc] => entry[1] !== null),
  )
  const contacts = await loadContacts(
    payload,
    options,
    claimed.map((row) => row.contactId),
  )
  const runs = claimed.map(startRun)
  const environments = new Map<EnrollmentRun, RunEnvironment>()
  const checkpoint = async (run: EnrollmentRun) => {
    const written = await writeBack(payload, [{ ...run, nextRunAt: now, status: 'active' }], {
      keepLease: true,
    })
    run.history = []
    return written.has(run.enrollment.id)
  }
  for (const run of runs) {
    const automation = automations.get(run.enrollment.automationId)
    const contact = contacts.get(run.enrollment.contactId)
    if (!automation || !contact) {
      run.history.push({
        at: now,
        outcome: automation ? 'contact deleted' : 'automation deleted',
        step: run.path ?? '-',
        stepType: 'exit',
      })
      run.status = 'exited'
      continue
    }
    if (automation.status !== 'active') {
      run.status = run.enrollment.status === 'waiting' ? 'waiting' : 'active'
      run.nextRunAt = new Date(now.getTime() + pausedRetryMs)
      continue
    }
    if (run.path === null) run.path = automation.steps?.length ? '0' : null
    automation.steps ??= []
    const env: RunEnvironment = { automation, checkpoint, contact, now, options, payload, runners }
    environments.set(run, env)
    await checkExitAndGoals(run, env)
  }
  let active = runs.filter((run) => run.status === 'running')
  while (active.length > 0) {
    for (const run of active) await advanceRun(run, environments.get(run)!)
    const sending = active.filter((run) => run.pendingEmail)
    if (sending.length === 0) break
    const enqueued = await enqueueMessages(
      payload,
      sending.map((run) => run.pendingEmail!.input),
    )
    sending.forEach((run, index) => {
      const pending = run.pendingEmail!
      if (pending.input.kind !== 'system')
        run.enrollment.state.previousMessageId = enqueued[index].id
      run.history.push({
        at: now,
        outcome: `${pending.outcome} (message ${enqueued[index].id})`,
        step: pending.path,
        stepType: pending.stepType,
      })
      run.path = nextPathOf(environments.get(run)!, pending.path)
      run.pendingEmail = undefined
    })
    active = sending.filter((run) => run.status === 'running')
  }
  for (const run of runs) {
    if (run.status === 'running') run.nextRunAt = now
    if (run.status === 'completed' || run.status === 'exited' || run.status === 'failed')
      run.nextRunAt = null
  }
  await writeBack(payload, runs)
  return { runs, steps: runs.reduce((sum, run) => sum + run.steps, 0) }
}

const nextPathOf = (env: RunEnvironment, path: string) => nextPath(env.automation.steps, path)
