import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { TimelineItem } from './timelineTypes.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf, tableOf } from '../utilities/db.js'

/** Subscription changes from each subscription's pendingAt / subscribedAt / unsubscribedAt, newest first. */
export const subscriptionItems = async (
  payload: Payload,
  contactId: number,
  limit: number,
): Promise<TimelineItem[]> => {
  const { slugs } = pluginOptionsOf(payload)
  const rows = rowsOf<{
    at: string
    listId: number
    listName: string
    status: 'pending' | 'subscribed' | 'unsubscribed'
  }>(
    await payload.db.drizzle.execute(sql`
      SELECT e.at, s.list_id AS "listId", l.name AS "listName", e.status
      FROM ${tableOf(payload, slugs.subscriptions)} s
      JOIN ${tableOf(payload, slugs.lists)} l ON l.id = s.list_id
      CROSS JOIN LATERAL (VALUES ('pending', s.pending_at), ('subscribed', s.subscribed_at), ('unsubscribed', s.unsubscribed_at)) AS e(status, at)
      WHERE s.contact_id = ${contactId} AND e.at IS NOT NULL
      ORDER BY e.at DESC LIMIT ${limit}`),
  )
  return rows.map((row) => ({
    ...row,
    at: new Date(row.at).toISOString(),
    type: 'subscription' as const,
  }))
}
