import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { type EnrollmentRun, storedStatus } from './enrollmentRun.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf, tableOf } from '../../utilities/db.js'
import { arrayTableOf } from '../../utilities/tables.js'

/**
 * Writes the runs' new position, status, next run time and state, and appends their history, in
 * one transaction of two statements. Only enrollments still leased to this worker are written
 * (a worker whose lease ran out loses its writes); it returns the ids that were written.
 */
export const writeBack = async (
  payload: Payload,
  runs: EnrollmentRun[],
  { keepLease = false } = {},
): Promise<Set<number>> => {
  if (runs.length === 0) return new Set()
  const options = pluginOptionsOf(payload)
  const enrollments = tableOf(payload, options.slugs.enrollments)
  const history = arrayTableOf(payload, options.slugs.enrollments, 'history')
  const states = runs.map((run) => ({
    id: run.enrollment.id,
    lease_until: run.enrollment.leaseUntil,
    next_run_at: run.nextRunAt?.toISOString() ?? null,
    state: run.enrollment.state,
    status: storedStatus(run),
    step_path: run.path,
  }))
  const entries = runs.flatMap((run) =>
    run.history.map((entry, index) => ({
      at: entry.at.toISOString(),
      ord: index + 1,
      outcome: entry.outcome,
      parent: run.enrollment.id,
      step: entry.step,
      step_type: entry.stepType,
    })),
  )
  return payload.db.drizzle.transaction(async (tx) => {
    const written = rowsOf<{ id: number }>(
      await tx.execute(sql`
        UPDATE ${enrollments} e SET step_path = r.step_path, status = r.status::enum_em_enrollment_status, next_run_at = r.next_run_at,
          state = r.state, updated_at = now(), lease_until = CASE WHEN ${keepLease} THEN e.lease_until ELSE NULL END
        FROM jsonb_to_recordset(${JSON.stringify(states)}::jsonb)
          AS r(id int, lease_until timestamptz, next_run_at timestamptz, state jsonb, status text, step_path text)
        WHERE e.id = r.id AND e.lease_until = r.lease_until
        RETURNING e.id`),
    )
    if (entries.length > 0 && written.length > 0) {
      await tx.execute(sql`
        WITH input AS (
          SELECT * FROM jsonb_to_recordset(${JSON.stringify(entries)}::jsonb)
            AS h(at timestamptz, ord int, outcome text, parent int, step text, step_type text)
          WHERE h.parent = ANY(${`{${written.map((row) => row.id).join(',')}}`}::int[])
        ), base AS (
          SELECT parent, COALESCE((SELECT max(_order) FROM ${history} WHERE _parent_id = parent), 0) AS top
          FROM (SELECT DISTINCT parent FROM input) p
        )
        INSERT INTO ${history} (_order, _parent_id, id, step, step_type, at, outcome)
        SELECT base.top + input.ord, input.parent, gen_random_uuid()::text, input.step, input.step_type, input.at, input.outcome
        FROM input JOIN base USING (parent)`)
    }
    for (const run of runs) run.history = []
    return new Set(written.map((row) => row.id))
  })
}
