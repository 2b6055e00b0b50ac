import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../pluginContext.js'
import { segmentContactsQuery } from '../segments/segmentQueries.js'
import { arrayParam, rowsOf, type SQL, tableOf } from '../utilities/db.js'

/** Who a campaign goes to, as ids; segments are compiled to SQL at send time, never stored. */
export type Audience = { excludedLists: number[]; excludedSegments: number[]; lists: number[]; segment: null | number }

const segmentSql = (payload: Payload, segmentId: number): Promise<SQL> => segmentContactsQuery(payload, segmentId)

const idOf = (value: unknown): number => (typeof value === 'object' && value ? Number((value as { id: number }).id) : Number(value))

/** The audience of a campaign document (any depth). */
export const audienceOf = (campaign: { audience?: null | Record<string, unknown> }): Audience => {
  const audience = campaign.audience ?? {}
  const ids = (value: unknown) => (Array.isArray(value) ? value.map(idOf).filter(Number.isFinite) : [])
  return {
    excludedLists: ids(audience.excludedLists),
    excludedSegments: ids(audience.excludedSegments),
    lists: ids(audience.lists),
    segment: audience.segment ? idOf(audience.segment) : null,
  }
}

export const hasRecipients = (audience: Audience): boolean => audience.lists.length > 0 || audience.segment !== null

/**
 * The WHERE condition on contacts `c` for a campaign: active, subscribed (not pending, not
 * unsubscribed) to a chosen list, in the segment when one is set, and in no excluded list or
 * segment. EXISTS keeps a contact on several chosen lists to one row.
 */
export const audienceCondition = async (payload: Payload, audience: Audience): Promise<SQL> => {
  const { slugs } = pluginOptionsOf(payload)
  const subscriptions = tableOf(payload, slugs.subscriptions)
  const parts: SQL[] = [sql`c.status = 'active'`]
  if (audience.lists.length > 0) {
    parts.push(sql`EXISTS (SELECT 1 FROM ${subscriptions} s WHERE s.contact_id = c.id AND s.status = 'subscribed'
      AND s.list_id = ANY(${arrayParam(audience.lists)}::int[]))`)
  }
  if (audience.segment !== null) parts.push(sql`c.id IN (${await segmentSql(payload, audience.segment)})`)
  if (audience.excludedLists.length > 0) {
    parts.push(sql`NOT EXISTS (SELECT 1 FROM ${subscriptions} s WHERE s.contact_id = c.id AND s.status <> 'unsubscribed'
      AND s.list_id = ANY(${arrayParam(audience.excludedLists)}::int[]))`)
  }
  for (const segment of audience.excludedSegments) parts.push(sql`c.id NOT IN (${await segmentSql(payload, segment)})`)
  return sql.join(parts, sql` AND `)
}

/** How many contacts a send would reach now (the confirmation dialog shows it). */
export const countAudience = async (payload: Payload, audience: Audience): Promise<number> => {
  if (!hasRecipients(audience)) return 0
  const contacts = tableOf(payload, pluginOptionsOf(payload).slugs.contacts)
  const [{ count }] = rowsOf<{ count: number }>(
    await payload.db.drizzle.execute(sql`SELECT count(*)::int AS count FROM ${contacts} c WHERE ${await audienceCondition(payload, audience)}`),
  )
  return count
}
