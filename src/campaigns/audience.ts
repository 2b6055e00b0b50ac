import type { Payload } from 'payload'

import { numericIdOf } from '../utilities/idOf.js'
import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../pluginContext.js'
import { segmentContactsQuery } from '../segments/segmentQueries.js'
import { arrayParam, rowsOf, type SQL, tableOf } from '../utilities/db.js'

/** Who a campaign goes to, as ids; segments are compiled to SQL at send time, never stored. */
export type Audience = {
  excludedLists: number[]
  excludedSegments: number[]
  lists: number[]
  segment: null | number
}

const segmentSql = (payload: Payload, segmentId: number): Promise<SQL> =>
  segmentContactsQuery(payload, segmentId)

/** The audience of a campaign document (any depth). */
export const audienceOf = (campaign: { audience?: null | Record<string, unknown> }): Audience => {
  const audience = campaign.audience ?? {}
  const ids = (value: unknown) =>
    Array.isArray(value) ? value.map(numericIdOf).filter((id): id is number => id !== null) : []
  return {
    excludedLists: ids(audience.excludedLists),
    excludedSegments: ids(audience.excludedSegments),
    lists: ids(audience.lists),
    segment: numericIdOf(audience.segment),
  }
}

export const hasRecipients = (audience: Audience): boolean =>
  audience.lists.length > 0 || audience.segment !== null

/** The audience a sending campaign fans out to: the snapshot taken when sending started, else the live one. */
export const sendingAudienceOf = (campaign: {
  audience?: null | Record<string, unknown>
  audienceSnapshot?: unknown
}): Audience =>
  campaign.audienceSnapshot && typeof campaign.audienceSnapshot === 'object'
    ? audienceOf({ audience: campaign.audienceSnapshot as Record<string, unknown> })
    : audienceOf(campaign)

/**
 * The WHERE condition on contacts `c` for a campaign: active, subscribed (not pending, not
 * unsubscribed) to a chosen list, in the segment when one is set, and in no excluded list or
 * segment. EXISTS keeps a contact on several chosen lists to one row. Fails closed: an audience
 * with no list and no segment matches nobody.
 */
export const audienceCondition = async (payload: Payload, audience: Audience): Promise<SQL> => {
  if (!hasRecipients(audience)) return sql`false`
  const { slugs } = pluginOptionsOf(payload)
  const subscriptions = tableOf(payload, slugs.subscriptions)
  const parts: SQL[] = [sql`c.status = 'active'`]
  if (audience.lists.length > 0) {
    parts.push(sql`EXISTS (SELECT 1 FROM ${subscriptions} s WHERE s.contact_id = c.id AND s.status = 'subscribed'
      AND s.list_id = ANY(${arrayParam(audience.lists)}::int[]))`)
  }
  if (audience.segment !== null)
    parts.push(sql`c.id IN (${await segmentSql(payload, audience.segment)})`)
  if (audience.excludedLists.length > 0) {
    parts.push(sql`NOT EXISTS (SELECT 1 FROM ${subscriptions} s WHERE s.contact_id = c.id AND s.status <> 'unsubscribed'
      AND s.list_id = ANY(${arrayParam(audience.excludedLists)}::int[]))`)
  }
  for (const segment of audience.excludedSegments)
    parts.push(sql`c.id NOT IN (${await segmentSql(payload, segment)})`)
  return sql.join(parts, sql` AND `)
}

/** How many contacts a send would reach now (the confirmation dialog shows it). */
export const countAudience = async (payload: Payload, audience: Audience): Promise<number> => {
  if (!hasRecipients(audience)) return 0
  const contacts = tableOf(payload, pluginOptionsOf(payload).slugs.contacts)
  const [{ count }] = rowsOf<{ count: number }>(
    await payload.db.drizzle.execute(
      sql`SELECT count(*)::int AS count FROM ${contacts} c WHERE ${await audienceCondition(payload, audience)}`,
    ),
  )
  return count
}

/**
 * Why an audience can no longer be sent to, in the editor's words, or null when it can: no list and
 * no segment, or a list or segment it names was deleted (e.g. through SQL, past the delete guard).
 */
export const audienceProblem = async (
  payload: Payload,
  audience: Audience,
): Promise<null | string> => {
  if (!hasRecipients(audience))
    return 'The audience has no list and no segment left (one was deleted?), so nothing was sent. Cancel the campaign and duplicate it to choose an audience.'
  const { slugs } = pluginOptionsOf(payload)
  const lists = [...audience.lists, ...audience.excludedLists]
  const segments = [
    ...(audience.segment === null ? [] : [audience.segment]),
    ...audience.excludedSegments,
  ]
  const [{ missingLists, missingSegments }] = rowsOf<{
    missingLists: number[]
    missingSegments: number[]
  }>(
    await payload.db.drizzle.execute(sql`
      SELECT
        ARRAY(SELECT u.id FROM unnest(${arrayParam(lists)}::int[]) AS u(id) WHERE NOT EXISTS (SELECT 1 FROM ${tableOf(payload, slugs.lists)} l WHERE l.id = u.id)) AS "missingLists",
        ARRAY(SELECT u.id FROM unnest(${arrayParam(segments)}::int[]) AS u(id) WHERE NOT EXISTS (SELECT 1 FROM ${tableOf(payload, slugs.segments)} s WHERE s.id = u.id)) AS "missingSegments"`),
  )
  const missing = [
    ...missingLists.map((id) => `list ${id}`),
    ...missingSegments.map((id) => `segment ${id}`),
  ]
  return missing.length > 0
    ? `Its audience names a deleted ${missing.join(', ')}; duplicate the campaign and choose its audience again.`
    : null
}
