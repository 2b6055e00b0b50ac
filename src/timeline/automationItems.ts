import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { TimelineItem } from './timelineTypes.js'

import { arrayTableOf } from '../utilities/tables.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf, tableOf } from '../utilities/db.js'

type StepRow = {
  at: string
  automation: null | string
  automationId: null | number
  outcome: null | string
  step: null | string
  stepType: null | string
  subject: null | string
}

/** Steps the contact went through, from their enrollments' history, when the automations feature is installed. */
export const automationItems = async (
  payload: Payload,
  contactId: number,
  limit: number,
): Promise<TimelineItem[]> => {
  const { slugs } = pluginOptionsOf(payload)
  const rows = rowsOf<StepRow>(
    await payload.db.drizzle.execute(sql`
      SELECT h.at, a.name AS automation, e.automation_id AS "automationId", h.outcome, h.step, h.step_type AS "stepType",
        m.subject
      FROM ${tableOf(payload, slugs.enrollments)} e
      JOIN ${arrayTableOf(payload, slugs.enrollments, 'history')} h ON h._parent_id = e.id
      -- The email a step queued carries the step's dedupe key (see automations/steps/sendEmail.ts).
      LEFT JOIN ${tableOf(payload, slugs.messages)} m ON m.dedupe_key = 'step:' || e.id || ':' || h.step
      LEFT JOIN ${tableOf(payload, slugs.automations)} a ON a.id = e.automation_id
      WHERE e.contact_id = ${contactId} AND h.at IS NOT NULL
      ORDER BY h.at DESC LIMIT ${limit}`),
  )
  return rows.map((row) => ({
    at: new Date(row.at).toISOString(),
    automation: row.automation ?? `Automation ${row.automationId}`,
    automationId: row.automationId,
    detail: row.outcome,
    step: row.stepType ? `${row.stepType} (step ${row.step ?? '?'})` : (row.step ?? 'step'),
    stepPath: row.step,
    stepType: row.stepType,
    subject: row.subject,
    type: 'automation' as const,
  }))
}
