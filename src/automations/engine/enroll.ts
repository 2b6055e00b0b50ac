import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { TriggerEvent } from './triggerEvent.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { drizzleFor, rowsOf, tableOf } from '../../utilities/db.js'

export type EnrollResult =
  | { enrolled: false; reason: string }
  | { enrolled: true; enrollmentId: number }

type AutomationRow = { reentry_days: null | number; reentry_rule: null | string; status: string }

/**
 * Puts a contact in an automation, in one guarded INSERT under a per-(automation, contact)
 * advisory lock: the re-entry rule (once / every time / again after N days) and the loop cap
 * (`maxRunsPerWindow` runs per `runWindowHours`) are checked in the same statement. `key`
 * makes a repeated call a no-op (e.g. `start:<enrollment>:<step>`).
 */
export const enroll = async (
  payload: Payload,
  {
    automationId,
    contactId,
    dealId,
    depth = 0,
    event,
    key,
    now = new Date(),
    req,
  }: {
    automationId: number
    contactId: number
    /** The deal the run is about (a deal trigger's deal); kept in the enrollment's state. */
    dealId?: number
    depth?: number
    /** The fact that started the run; kept in the enrollment's state for template data. */
    event?: TriggerEvent
    key?: string
    now?: Date
    req?: Partial<PayloadRequest>
  },
): Promise<EnrollResult> => {
  const options = pluginOptionsOf(payload)
  const db = req?.transactionID ? await drizzleFor(req as PayloadRequest) : payload.db.drizzle
  const automations = tableOf(payload, options.slugs.automations)
  const enrollments = tableOf(payload, options.slugs.enrollments)
  const [automation] = rowsOf<AutomationRow>(
    await db.execute(
      sql`SELECT status, reentry_rule, reentry_days FROM ${automations} WHERE id = ${automationId}`,
    ),
  )
  if (!automation) return { enrolled: false, reason: `automation ${automationId} does not exist` }
  if (automation.status !== 'active')
    return { enrolled: false, reason: `automation is ${automation.status}` }
  const rule = automation.reentry_rule ?? 'once'
  const nowIso = now.toISOString()
  const windowStart = new Date(
    now.getTime() - options.automations.runWindowHours * 3_600_000,
  ).toISOString()
  const enrollKey = key ?? (rule === 'once' ? `once:${automationId}:${contactId}` : null)
  const ruleGuard =
    rule === 'once'
      ? sql`NOT EXISTS (SELECT 1 FROM ${enrollments} WHERE automation_id = ${automationId} AND contact_id = ${contactId})`
      : rule === 'afterDays'
        ? sql`NOT EXISTS (SELECT 1 FROM ${enrollments} WHERE automation_id = ${automationId} AND contact_id = ${contactId}
            AND enrolled_at > ${nowIso}::timestamptz - make_interval(days => ${automation.reentry_days ?? 30}))`
        : sql`TRUE`
  const inserted = rowsOf<{ id: number }>(
    await db.execute(sql`
      WITH guard AS (SELECT pg_advisory_xact_lock(${automationId}::int, ${contactId}::int))
      INSERT INTO ${enrollments} (contact_id, automation_id, status, next_run_at, enrolled_at, enroll_key, state, created_at, updated_at)
      SELECT ${contactId}, ${automationId}, 'active', ${nowIso}::timestamptz, ${nowIso}::timestamptz, ${enrollKey},
        ${JSON.stringify({ dealId, depth, event })}::jsonb, now(), now()
      FROM guard
      WHERE ${ruleGuard}
        AND (SELECT count(*) FROM ${enrollments} WHERE automation_id = ${automationId} AND contact_id = ${contactId}
             AND enrolled_at > ${windowStart}::timestamptz) < ${options.automations.maxRunsPerWindow}
      ON CONFLICT (enroll_key) DO NOTHING
      RETURNING id`),
  )
  if (inserted[0]) return { enrolled: true, enrollmentId: inserted[0].id }
  return {
    enrolled: false,
    reason: `re-entry rule "${rule}" or the loop cap of ${options.automations.maxRunsPerWindow} runs per ${options.automations.runWindowHours} h`,
  }
}
