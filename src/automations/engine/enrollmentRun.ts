import type { OutboxMessageInput } from '../../sending/outboxTypes.js'
import type { ClaimedEnrollment } from './stepTypes.js'

export type HistoryEntry = { at: Date; outcome: string; step: string; stepType: string }

/** One claimed enrollment while the engine advances it in memory; written back in bulk. */
export type EnrollmentRun = {
  enrollment: ClaimedEnrollment
  history: HistoryEntry[]
  nextRunAt: Date | null
  path: null | string
  /** An email step waiting for the batch's single outbox INSERT. */
  pendingEmail?: { input: OutboxMessageInput; outcome: string; path: string; stepType: string }
  /** `running` while the engine can keep stepping it this tick. */
  status: 'active' | 'completed' | 'exited' | 'failed' | 'running' | 'waiting'
  steps: number
}

export const startRun = (enrollment: ClaimedEnrollment): EnrollmentRun => ({
  enrollment,
  history: [],
  nextRunAt: null,
  path: enrollment.stepPath,
  status: 'running',
  steps: 0,
})

/** The status to store: a run that was still going when the tick stopped stays active and due now. */
export const storedStatus = (run: EnrollmentRun): EnrollmentRun['status'] =>
  run.status === 'running' ? 'active' : run.status
