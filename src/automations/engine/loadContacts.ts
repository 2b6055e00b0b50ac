import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedEmailMarketingOptions } from '../../types.js'
import type { ConditionContact } from '../conditions.js'

import { arrayParam, rowsOf } from '../../utilities/db.js'
import { relsColumnOf, relsTableOf, tableOf } from '../../utilities/tables.js'

export type EngineContact = ConditionContact & { email: string; status: string }

/**
 * The batch's contacts in one query, shaped like Payload documents (camelCase fields, tag ids),
 * for Liquid personalisation and the steps. The engine's hot path, so raw SQL, not the Local API.
 */
export const loadContacts = async (
  payload: Payload,
  options: SanitizedEmailMarketingOptions,
  ids: number[],
): Promise<Map<number, EngineContact>> => {
  const contacts = tableOf(payload, options.slugs.contacts)
  const rels = relsTableOf(payload, options.slugs.contacts)
  const tagColumn = relsColumnOf(payload, options.slugs.contacts, options.slugs.tags)
  const rows = rowsOf<EngineContact>(
    await payload.db.drizzle.execute(sql`
      SELECT c.id, c.email, c.first_name AS "firstName", c.last_name AS "lastName", c.phone, c.company, c.status::text AS status,
        c.source, c.attributes, c.created_at AS "createdAt",
        COALESCE((SELECT array_agg(r.${tagColumn} ORDER BY r."order") FROM ${rels} r WHERE r.parent_id = c.id AND r.path = 'tags'), '{}') AS tags
      FROM ${contacts} c WHERE c.id = ANY(${arrayParam([...new Set(ids)])}::int[])`),
  )
  return new Map(rows.map((row) => [row.id, row]))
}
