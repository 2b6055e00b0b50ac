import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { EnrollmentState } from './stepTypes.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf, tableOf } from '../../utilities/db.js'

type Drizzle = Payload['db']['drizzle']

/** One contact to put in one automation, with the key that names the fact that caused it. */
export type EnrollCandidate = {
  automationId: number
  contactId: number
  /** Unique per fact (a repeat is a no-op); once-only automations use `once:<automation>:<contact>`. */
  key: null | string
  state: EnrollmentState
}

export type InsertedEnrollment = { automationId: number; contactId: number; id: number }

/**
 * Inserts the candidates' enrollments that their automation's re-entry rule (once / every time /
 * again after N days) and the loop cap (`maxRunsPerWindow` per `runWindowHours`) allow. Must run
 * inside a transaction: it first takes a transaction-level advisory lock per (automation, contact),
 * in one statement and in a fixed order (no deadlock between two callers), and only then runs the
 * guarded INSERT, whose statement snapshot, taken after the locks, sees every enrollment another
 * holder of the lock committed. (Under READ COMMITTED a lock taken inside the INSERT's own CTE
 * comes after its snapshot and guards nothing.) Candidates of one pair in one call count in order:
 * the first may enroll a once / after-N-days pair, and every-time pairs count toward the cap.
 */
export const insertEnrollments = async (
  payload: Payload,
  db: Drizzle,
  candidates: EnrollCandidate[],
  now: Date,
): Promise<InsertedEnrollment[]> => {
  if (candidates.length === 0) return []
  const options = pluginOptionsOf(payload)
  const automations = tableOf(payload, options.slugs.automations)
  const contacts = tableOf(payload, options.slugs.contacts)
  const enrollments = tableOf(payload, options.slugs.enrollments)
  const input = JSON.stringify(
    candidates.map((candidate, ord) => ({
      automation_id: candidate.automationId,
      contact_id: candidate.contactId,
      enroll_key: candidate.key,
      ord,
      state: candidate.state,
    })),
  )
  const nowIso = now.toISOString()
  const windowStart = new Date(
    now.getTime() - options.automations.runWindowHours * 3_600_000,
  ).toISOString()
  await db.execute(sql`
    SELECT count(pg_advisory_xact_lock(p.automation_id, p.contact_id)) FROM (
      SELECT DISTINCT r.automation_id, r.contact_id
      FROM jsonb_to_recordset(${input}::jsonb) AS r(automation_id int, contact_id int)
      ORDER BY r.automation_id, r.contact_id) p`)
  const rows = rowsOf<{ automation_id: number; contact_id: number; id: number }>(
    await db.execute(sql`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${input}::jsonb)
          AS r(automation_id int, contact_id int, enroll_key text, ord int, state jsonb)
      ), ranked AS (
        SELECT i.*, COALESCE(a.reentry_rule::text, 'once') AS rule, COALESCE(a.reentry_days, 30)::int AS days,
          row_number() OVER (PARTITION BY i.automation_id, i.contact_id ORDER BY i.ord) AS rn
        FROM input i JOIN ${automations} a ON a.id = i.automation_id AND a.status = 'active'
        WHERE EXISTS (SELECT 1 FROM ${contacts} c WHERE c.id = i.contact_id)
      )
      INSERT INTO ${enrollments} (contact_id, automation_id, status, next_run_at, enrolled_at, enroll_key, state, created_at, updated_at)
      SELECT r.contact_id, r.automation_id, 'active', ${nowIso}::timestamptz, ${nowIso}::timestamptz,
        CASE WHEN r.rule = 'once' THEN 'once:' || r.automation_id || ':' || r.contact_id ELSE r.enroll_key END,
        r.state, now(), now()
      FROM ranked r
      WHERE (r.rule = 'everyTime' OR r.rn = 1)
        AND (r.rule <> 'once' OR NOT EXISTS (
          SELECT 1 FROM ${enrollments} e WHERE e.automation_id = r.automation_id AND e.contact_id = r.contact_id))
        AND (r.rule <> 'afterDays' OR NOT EXISTS (
          SELECT 1 FROM ${enrollments} e WHERE e.automation_id = r.automation_id AND e.contact_id = r.contact_id
            AND e.enrolled_at > ${nowIso}::timestamptz - make_interval(days => r.days)))
        AND r.rn + (SELECT count(*) FROM ${enrollments} e WHERE e.automation_id = r.automation_id
          AND e.contact_id = r.contact_id AND e.enrolled_at > ${windowStart}::timestamptz) <= ${options.automations.maxRunsPerWindow}
      ORDER BY r.ord
      ON CONFLICT (enroll_key) DO NOTHING
      RETURNING id, automation_id, contact_id`),
  )
  return rows.map((row) => ({
    automationId: row.automation_id,
    contactId: row.contact_id,
    id: row.id,
  }))
}
