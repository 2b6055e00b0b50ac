import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../../utilities/db.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf, tableOf } from '../../utilities/db.js'
import { blockTableOf } from '../../utilities/tables.js'
import { instantOf, localDate } from '../steps/timeOfDay.js'

type DateTrigger = {
  days?: null | number
  field: string
  mode?: null | string
  timeOfDay?: null | string
  timeZone?: null | string
}
type AutomationRow = { id: number; reentry_rule: null | string; triggers: DateTrigger[] }

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
 * trigger's time zone once its time of day has passed. The key `date:<automation>:<contact>:<day>`
 * makes every later tick of the same day a no-op.
 */
export const enrollDateTriggers = async (payload: Payload, now: Date): Promise<number> => {
  const options = pluginOptionsOf(payload)
  const automations = tableOf(payload, options.slugs.automations)
  const contacts = tableOf(payload, options.slugs.contacts)
  const enrollments = tableOf(payload, options.slugs.enrollments)
  const dateTable = blockTableOf(payload, options.slugs.automations, 'dateBased')
  const rows = rowsOf<AutomationRow>(
    await payload.db.drizzle.execute(sql`
      SELECT a.id, a.reentry_rule, json_agg(json_build_object('field', d.field, 'mode', d.mode, 'days', d.days,
        'timeOfDay', d.time_of_day, 'timeZone', d.time_zone)) AS triggers
      FROM ${automations} a JOIN ${dateTable} d ON d._parent_id = a.id
      WHERE a.status = 'active' GROUP BY a.id`),
  )
  let enrolled = 0
  for (const automation of rows) {
    for (const trigger of automation.triggers) {
      const timeZone = trigger.timeZone || 'UTC'
      const today = localDate(now, timeZone)
      if (now < instantOf(today, trigger.timeOfDay || '00:00', timeZone)) continue
      const days = Number(trigger.days ?? 0)
      const value = dateExpression(trigger.field, timeZone)
      const match =
        trigger.mode === 'anniversary'
          ? sql`to_char(${value}, 'MM-DD') = ${today.slice(5)}`
          : sql`${value} = ${shiftDate(today, trigger.mode === 'before' ? days : trigger.mode === 'after' ? -days : 0)}::date`
      const onlyOnce =
        automation.reentry_rule === 'once'
          ? sql`AND NOT EXISTS (SELECT 1 FROM ${enrollments} e WHERE e.automation_id = ${automation.id} AND e.contact_id = c.id)`
          : sql``
      const result = await payload.db.drizzle.execute(sql`
        INSERT INTO ${enrollments} (contact_id, automation_id, status, next_run_at, enrolled_at, enroll_key, state, created_at, updated_at)
        SELECT c.id, ${automation.id}, 'active', ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz,
          'date:' || ${automation.id} || ':' || c.id || ':' || ${today}, '{"depth":0}'::jsonb, now(), now()
        FROM ${contacts} c WHERE c.status = 'active' AND ${match} ${onlyOnce}
        ON CONFLICT (enroll_key) DO NOTHING`)
      enrolled += (result as unknown as { rowCount?: number }).rowCount ?? 0
    }
  }
  return enrolled
}
