import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { TimelineSummary } from './timelineTypes.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { contactEngagementTable } from '../retention/contactEngagement.js'
import { rowsOf, tableOf } from '../utilities/db.js'

const iso = (value: Date | null | string) => (value ? new Date(value).toISOString() : null)

/** Emails sent to the contact and its engagement facts; message rows and facts outlive retention. */
export const timelineSummary = async (
  payload: Payload,
  contactId: number,
): Promise<TimelineSummary> => {
  const messages = tableOf(payload, pluginOptionsOf(payload).slugs.messages)
  const [row] = rowsOf<{
    clicks: null | number
    emails: number
    lastClickedAt: null | string
    lastOpenedAt: null | string
    opens: null | number
  }>(
    await payload.db.drizzle.execute(sql`
      SELECT (SELECT count(*)::int FROM ${messages} WHERE contact_id = ${contactId}) AS emails,
        f.open_count AS opens, f.click_count AS clicks, f.last_opened_at AS "lastOpenedAt", f.last_clicked_at AS "lastClickedAt"
      FROM (SELECT 1) one LEFT JOIN ${contactEngagementTable(payload)} f ON f.contact_id = ${contactId}`),
  )
  return {
    clicks: row?.clicks ?? 0,
    emails: row?.emails ?? 0,
    lastClickedAt: iso(row?.lastClickedAt ?? null),
    lastOpenedAt: iso(row?.lastOpenedAt ?? null),
    opens: row?.opens ?? 0,
  }
}
