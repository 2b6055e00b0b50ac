import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { ClaimedEnrollment, EnrollmentState } from './stepTypes.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf, tableOf } from '../../utilities/db.js'

type Row = {
  automation_id: number
  contact_id: number
  id: number
  state: EnrollmentState | null
  status: string
  step_path: null | string
}

/**
 * Leases up to `limit` due enrollments (active or waiting, next run at or before `now`) to this
 * worker. SKIP LOCKED lets any number of processes claim at once; the lease (wall-clock, not the
 * test clock) hands an enrollment to another worker only if this one dies before writing back.
 */
export const claimEnrollments = async (
  payload: Payload,
  { limit, now }: { limit: number; now: Date },
): Promise<ClaimedEnrollment[]> => {
  const options = pluginOptionsOf(payload)
  const enrollments = tableOf(payload, options.slugs.enrollments)
  const leaseUntil = new Date(Date.now() + options.automations.leaseSeconds * 1000).toISOString()
  const rows = rowsOf<Row>(
    await payload.db.drizzle.execute(sql`
      UPDATE ${enrollments} SET lease_until = ${leaseUntil}::timestamptz
      WHERE id IN (
        SELECT id FROM ${enrollments}
        WHERE status IN ('active', 'waiting') AND next_run_at <= ${now.toISOString()}::timestamptz
          AND (lease_until IS NULL OR lease_until < now())
        ORDER BY next_run_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, automation_id, contact_id, step_path, status, state`),
  )
  return rows.map((row) => ({
    automationId: row.automation_id,
    contactId: row.contact_id,
    id: row.id,
    leaseUntil,
    state: row.state ?? {},
    status: row.status,
    stepPath: row.step_path,
  }))
}
