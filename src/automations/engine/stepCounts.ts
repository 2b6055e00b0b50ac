import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf, tableOf } from '../../utilities/db.js'
import { arrayTableOf } from '../../utilities/tables.js'

export type StepCounts = Record<string, { passed: number; waiting: number }>

/** Per step path: enrollments currently there (active or waiting) and enrollments that went past it. */
export const stepCounts = async (payload: Payload, automationId: number): Promise<StepCounts> => {
  const options = pluginOptionsOf(payload)
  const enrollments = tableOf(payload, options.slugs.enrollments)
  const history = arrayTableOf(payload, options.slugs.enrollments, 'history')
  const rows = rowsOf<{ passed: number; step: string; waiting: number }>(
    await payload.db.drizzle.execute(sql`
      SELECT step, sum(waiting)::int AS waiting, sum(passed)::int AS passed FROM (
        SELECT step_path AS step, count(*) AS waiting, 0 AS passed FROM ${enrollments}
        WHERE automation_id = ${automationId} AND status IN ('active', 'waiting') AND step_path IS NOT NULL GROUP BY step_path
        UNION ALL
        SELECT h.step, 0, count(DISTINCT h._parent_id) FROM ${history} h JOIN ${enrollments} e ON e.id = h._parent_id
        WHERE e.automation_id = ${automationId} AND h.outcome NOT LIKE 'waiting%' AND h.outcome <> 'started'
          AND NOT (h.step = e.step_path AND e.status IN ('active', 'waiting'))
        GROUP BY h.step
      ) counts GROUP BY step`),
  )
  return Object.fromEntries(
    rows.map((row) => [row.step, { passed: row.passed, waiting: row.waiting }]),
  )
}
