import type { ConditionContact } from '../conditions.js'
import type { EnrollmentRun } from './enrollmentRun.js'
import type { AutomationDoc, StepContext, StepDefinition } from './stepTypes.js'

import { type AutomationConditions, contactMeetsConditions, hasConditions } from '../conditions.js'
import { branchPath, nextPath, stepAt } from './stepPaths.js'

export type RunEnvironment = Omit<StepContext, 'enrollment' | 'path' | 'step'> & {
  /** Durably moves the run past a step before a non-idempotent effect runs. */
  checkpoint: (run: EnrollmentRun) => Promise<boolean>
  runners: Map<string, StepDefinition>
}

/** A run may not take more steps than this in one tick (paths only move forward, so this is a backstop). */
const maxStepsPerTick = 200

const record = (
  run: EnrollmentRun,
  env: RunEnvironment,
  path: string,
  stepType: string,
  outcome: string,
) => run.history.push({ at: env.now, outcome, step: path, stepType })

/** Exit conditions end the run; a met goal further down the top level moves the run onto it. */
export const checkExitAndGoals = async (run: EnrollmentRun, env: RunEnvironment): Promise<void> => {
  const { automation, contact, payload } = env
  const context = { messageId: run.enrollment.state.previousMessageId, now: env.now }
  const exitConditions = automation.exitConditions as AutomationConditions
  if (
    hasConditions(exitConditions) &&
    (await contactMeetsConditions(payload, contact, exitConditions, context))
  ) {
    record(run, env, run.path ?? '-', 'exit', 'exit conditions met')
    run.status = 'exited'
    run.nextRunAt = null
    return
  }
  const currentTop = run.path === null ? -1 : Number(run.path.split('.')[0])
  for (let index = automation.steps.length - 1; index > currentTop; index -= 1) {
    const step = automation.steps[index]
    if (step.blockType !== 'goal') continue
    if (
      hasConditions(step.conditions as AutomationConditions) &&
      (await contactMeetsConditions(
        payload,
        contact,
        step.conditions as AutomationConditions,
        context,
      ))
    ) {
      record(run, env, String(index), 'goal', `goal "${String(step.name)}" reached`)
      delete run.enrollment.state.waitingAt
      delete run.enrollment.state.waitTimeoutAt
      run.path = nextPath(automation.steps, String(index))
      if (run.path === null) run.status = 'completed'
      return
    }
  }
}

/**
 * Runs the run's steps until it waits, ends, or reaches an email step (which the batch sends in
 * one INSERT, then calls this again).
 */
export const advanceRun = async (run: EnrollmentRun, env: RunEnvironment): Promise<void> => {
  const steps = env.automation.steps
  while (run.status === 'running') {
    if (run.path === null) {
      run.status = 'completed'
      run.nextRunAt = null
      return
    }
    if (run.steps >= maxStepsPerTick) return
    const path = run.path
    const step = stepAt(steps, path)
    const runner = step && env.runners.get(step.blockType)
    if (!step || !runner) {
      record(run, env, path, step?.blockType ?? 'missing', 'failed: the step no longer exists')
      run.status = 'failed'
      return
    }
    run.steps += 1
    const context: StepContext = { ...env, enrollment: run.enrollment, path, step }
    if (runner.checkpointFirst) {
      run.path = nextPath(steps, path)
      record(run, env, path, step.blockType, 'started')
      if (!(await env.checkpoint(run))) {
        run.status = 'active'
        return
      }
    }
    let result: Awaited<ReturnType<StepDefinition['run']>>
    try {
      result = await runner.run(context)
    } catch (error) {
      env.payload.logger.error({
        err: error,
        msg: `email-marketing: automation ${env.automation.id} step ${path} failed for enrollment ${run.enrollment.id}`,
      })
      record(run, env, path, step.blockType, `failed: ${(error as Error).message}`)
      run.status = 'failed'
      return
    }
    if (runner.checkpointFirst) {
      record(run, env, path, step.blockType, result.outcome)
      if (result.kind === 'wait') {
        // A retry: the run comes back onto this step when the wait is over.
        run.path = path
        run.status = 'waiting'
        run.nextRunAt = result.until
        return
      }
      if (result.kind === 'end') {
        run.status = result.status
        run.nextRunAt = null
        return
      }
      continue
    }
    switch (result.kind) {
      case 'branch':
        record(run, env, path, step.blockType, result.outcome)
        run.path = branchPath(steps, path, result.branch)
        break
      case 'email':
        run.pendingEmail = {
          input: result.email,
          outcome: result.outcome,
          path,
          stepType: step.blockType,
        }
        return
      case 'end':
        record(run, env, path, step.blockType, result.outcome)
        run.status = result.status
        run.nextRunAt = null
        return
      case 'next':
        record(run, env, path, step.blockType, result.outcome)
        run.path = nextPath(steps, path)
        break
      case 'wait':
        if (!run.history.some((entry) => entry.step === path && entry.outcome === result.outcome))
          record(run, env, path, step.blockType, result.outcome)
        run.status = 'waiting'
        run.nextRunAt = result.until
        return
    }
  }
}

export type { AutomationDoc, ConditionContact }
