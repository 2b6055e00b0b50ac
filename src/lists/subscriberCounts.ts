import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SubscriptionStatus } from '../subscriptions/subscriptionStatuses.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { arrayParam, rowsOf } from '../utilities/db.js'
import { tableOf } from '../utilities/tables.js'

export type SubscriberCounts = Record<SubscriptionStatus, number>

const none = (): SubscriberCounts => ({ pending: 0, subscribed: 0, unsubscribed: 0 })

/** Members per status of each list, in one grouped query whatever the number of lists. */
export const subscriberCounts = async (
  payload: Payload,
  db: Payload['db']['drizzle'],
  listIds: number[],
): Promise<Map<number, SubscriberCounts>> => {
  const counts = new Map(listIds.map((id) => [id, none()]))
  if (listIds.length === 0) return counts
  const subscriptions = tableOf(payload, pluginOptionsOf(payload).slugs.subscriptions)
  const rows = rowsOf<{ count: number; list: number; status: SubscriptionStatus }>(
    await db.execute(sql`
      SELECT list_id AS list, status::text AS status, count(*)::int AS count FROM ${subscriptions}
      WHERE list_id = ANY(${arrayParam(listIds)}::int[]) GROUP BY 1, 2`),
  )
  for (const row of rows) {
    const entry = counts.get(row.list)
    if (entry) entry[row.status] = row.count
  }
  return counts
}
