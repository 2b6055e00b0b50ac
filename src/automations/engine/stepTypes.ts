import type { Block, Payload } from 'payload'

import type { OutboxMessageInput } from '../../sending/outboxTypes.js'
import type { SanitizedEmailMarketingOptions } from '../../types.js'
import type { ConditionContact } from '../conditions.js'
import type { StepBlock } from './stepPaths.js'
import type { TriggerEvent } from './triggerEvent.js'

export type EnrollmentState = {
  /** The deal that started the run (a deal stage changed trigger), for steps that act on "the deal". */
  dealId?: number
  /** Chain depth: 0 for a trigger, parent depth + 1 for "start another automation". */
  depth?: number
  /** The fact that started the run (custom event data, the tag, the list…), for template data. */
  event?: TriggerEvent
  /** The trigger event (a row of the automation events table) that started the run. */
  eventId?: number
  /** Outbox id of the last email this enrollment sent (for "opened/clicked the previous email"). */
  previousMessageId?: number
  /** Failed attempts so far of a retried step (the webhook step), and which step they were at. */
  retry?: { failedAttempts: number; path: string }
  /** Path of the wait step the enrollment is waiting in, and when that wait gives up. */
  waitingAt?: string
  waitTimeoutAt?: string
}

export type ClaimedEnrollment = {
  automationId: number
  contactId: number
  id: number
  leaseUntil: string
  state: EnrollmentState
  status: string
  stepPath: null | string
}

export type AutomationDoc = { id: number; name: string; steps: StepBlock[] } & Record<
  string,
  unknown
>

export type StepContext = {
  automation: AutomationDoc
  contact: ConditionContact & { email: string }
  enrollment: ClaimedEnrollment
  now: Date
  options: SanitizedEmailMarketingOptions
  path: string
  payload: Payload
  step: StepBlock
}

/** What running one step asks the engine to do next. */
export type StepResult =
  | { email: OutboxMessageInput; kind: 'email'; outcome: string }
  | { kind: 'branch'; branch: 'no' | 'yes'; outcome: string }
  | { kind: 'end'; outcome: string; status: 'completed' | 'exited' | 'failed' }
  | { kind: 'next'; outcome: string }
  | { kind: 'wait'; outcome: string; until: Date }

export type StepDefinition = {
  block: Block
  /**
   * Effects that are not idempotent (an HTTP call, a created row) run after the engine has durably
   * moved past the step. Such a step may still answer `wait` (the run comes back to it then, to
   * retry) or `end`.
   */
  checkpointFirst?: boolean
  run: (context: StepContext) => Promise<StepResult>
}
