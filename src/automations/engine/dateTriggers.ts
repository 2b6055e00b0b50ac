import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../../utilities/db.js'

import type { ActiveTriggers, TriggerBlock } from '../triggers/activeTriggers.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf, tableOf } from '../../utilities/db.js'
import { blockTableOf } from '../../utilities/tables.js'
import { anniversaryMonthDays, instantAt, localDateIn } from '../../utilities/zonedTime.js'

type DateTrigger = {
  days?: null | number
  field: string
  mode?: null | string
  timeOfDay?: null | string
  timeZone?: null | string
}

const shiftDate = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/** The contact's date as a SQL `date` in the trigger's time zone; null for missing or malformed values. */
const dateExpression = (field: string, timeZone: string): SQL => {
  if (field === 'createdAt') return sql`(c.created_at AT TIME ZONE ${timeZone})::date`
  if (field.startsWith('attributes.')) {
    const key = field.slice('attributes.'.length)
    return sql`CASE WHEN c.attributes->>${key} ~ '^\\d{4}-\\d{2}-\\d{2}' THEN substr(c.attributes->>${key}, 1, 10)::date END`
  }
  throw new Error(`Date-based trigger field must be createdAt or attributes.<key>, got "${field}".`)
}

/**
 * Enrolls, in one INSERT per trigger, the active contacts whose date matches today in the
 * trigger's time zone once its time of day has passed. Each trigger keeps a checkpoint, the last
 * local day it scanned (`scannedDay` on the trigger block), moved in the scan's own transaction by
 * the process that scans: so each day's scan runs once per trigger, in one process, and a crash
 * mid-scan leaves it to the next tick. This process also remembers the days it saw scanned, so an
 * idle tick issues no statement for a trigger whose day is done. The key
 * `date:<automation>:<contact>:<day>` (`once:<automation>:<contact>` for once-only automations)
 * keeps a scan repeated after an edit of the automation from enrolling anyone twice.
 */
export const enrollDateTriggers = async (
  payload: Payload,
  now: Date,
  triggers: ActiveTriggers,
): Promise<number> => {
  const options = pluginOptionsOf(payload)
  const automations = tableOf(payload, options.slugs.automations)
  const contacts = tableOf(payload, options.slugs.contacts)
  const enrollments = tableOf(payload, options.slugs.enrollments)
  const dateTable = blockTableOf(payload, options.slugs.automations, 'dateBased')
  let enrolled = 0
  for (const automation of triggers.automations) {
    for (const trigger of automation.triggers as (DateTrigger & TriggerBlock)[]) {
      if (trigger.blockType !== 'dateBased' || !trigger.id) continue
      const timeZone = trigger.timeZone || 'UTC'
      const today = localDateIn(timeZone, now)
      if (triggers.scannedDays.get(trigger.id) === today) continue
      if (now < instantAt(timeZone, today, trigger.timeOfDay || '00:00')) continue
      const days = Number(trigger.days ?? 0)
      const value = dateExpression(trigger.field, timeZone)
      const match =
        trigger.mode === 'anniversary'
          ? sql`to_char(${value}, 'MM-DD') IN (${sql.join(
              anniversaryMonthDays(today).map((monthDay) => sql`${monthDay}`),
              sql`, `,
            )})`
          : sql`${value} = ${shiftDate(today, trigger.mode === 'before' ? days : trigger.mode === 'after' ? -days : 0)}::date`
      enrolled += await payload.db.drizzle.transaction(async (tx) => {
        const claimed = rowsOf(
          await tx.execute(sql`
            UPDATE ${dateTable} SET scanned_day = ${today}
            WHERE id = ${trigger.id} AND _parent_id = ${automation.id} AND scanned_day IS DISTINCT FROM ${today}
            RETURNING id`),
        )
        if (claimed.length === 0) return 0
        const result = await tx.execute(sql`
          INSERT INTO ${enrollments} (contact_id, automation_id, status, next_run_at, enrolled_at, enroll_key, state, created_at, updated_at)
          SELECT c.id, a.id, 'active', ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz,
            CASE WHEN COALESCE(a.reentry_rule::text, 'once') = 'once' THEN 'once:' || a.id || ':' || c.id
              ELSE 'date:' || a.id || ':' || c.id || ':' || ${today} END,
            '{"depth":0}'::jsonb, now(), now()
          FROM ${contacts} c JOIN ${automations} a ON a.id = ${automation.id} AND a.status = 'active'
          WHERE c.status = 'active' AND ${match}
            AND (COALESCE(a.reentry_rule::text, 'once') <> 'once' OR NOT EXISTS (
              SELECT 1 FROM ${enrollments} e WHERE e.automation_id = a.id AND e.contact_id = c.id))
          ON CONFLICT (enroll_key) DO NOTHING`)
        return (result as unknown as { rowCount?: number }).rowCount ?? 0
      })
      triggers.scannedDays.set(trigger.id, today)
    }
  }
  return enrolled
}
