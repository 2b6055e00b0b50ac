import type { Payload, PayloadRequest, Where } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../utilities/db.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf, tableOf } from '../utilities/db.js'

export const contactColumns = [
  'id', 'email', 'firstName', 'lastName', 'phone', 'company', 'status', 'source', 'tags', 'attributes', 'createdAt',
] as const

const pageSize = 1000

/**
 * Contacts matching a Payload `where`, page by page in id order (keyset, not offset), read through
 * the Local API with the requesting user's access.
 */
export async function* contactPagesWhere(req: PayloadRequest, where: undefined | Where): AsyncGenerator<Record<string, unknown>[]> {
  const { payload } = req
  const { slugs } = pluginOptionsOf(payload)
  const tagNames = await tagNamesOf(payload)
  let lastId = 0
  for (;;) {
    const { docs } = await payload.find({
      collection: slugs.contacts as 'users',
      depth: 0,
      limit: pageSize,
      overrideAccess: false,
      pagination: false,
      req,
      sort: 'id',
      where: { and: [...(where ? [where] : []), { id: { greater_than: lastId } }] },
    })
    if (docs.length === 0) return
    lastId = Number(docs[docs.length - 1].id)
    yield docs.map((doc) => {
      const contact = doc as unknown as Record<string, unknown> & { tags?: (number | { id: number })[] }
      const tags = (contact.tags ?? []).map((tag) => tagNames.get(typeof tag === 'number' ? tag : tag.id)).filter(Boolean)
      return { ...contact, tags: tags.join(';') }
    })
  }
}

const tagNamesOf = async (payload: Payload): Promise<Map<number, string>> => {
  const { slugs } = pluginOptionsOf(payload)
  const rows = rowsOf<{ id: number; name: string }>(
    await payload.db.drizzle.execute(sql`SELECT id, name FROM ${tableOf(payload, slugs.tags)}`),
  )
  return new Map(rows.map((row) => [row.id, row.name]))
}

/**
 * Contacts whose ids a SQL subquery selects (a list's members, a segment), in keyset pages, with
 * the columns of `contactColumns` plus any the `extra` select adds.
 */
export async function* contactPagesIn(
  payload: Payload,
  idsQuery: SQL,
  extra: SQL = sql``,
): AsyncGenerator<Record<string, unknown>[]> {
  const { slugs } = pluginOptionsOf(payload)
  const contacts = tableOf(payload, slugs.contacts)
  const rels = sql.identifier(`${payload.db.tableNameMap.get(slugs.contacts.replace(/-/g, '_'))}_rels`)
  let lastId = 0
  for (;;) {
    const rows = rowsOf<Record<string, unknown> & { id: number }>(
      await payload.db.drizzle.execute(sql`
        SELECT c.id, c.email, c.first_name AS "firstName", c.last_name AS "lastName", c.phone, c.company, c.status,
          c.source, c.attributes, c.created_at AS "createdAt",
          (SELECT string_agg(t.name, ';' ORDER BY r."order") FROM ${rels} r JOIN ${tableOf(payload, slugs.tags)} t ON t.id = r.tags_id
            WHERE r.parent_id = c.id AND r.path = 'tags') AS tags
          ${extra}
        FROM ${contacts} c
        WHERE c.id > ${lastId} AND c.id IN (${idsQuery})
        ORDER BY c.id LIMIT ${pageSize}`),
    )
    if (rows.length === 0) return
    lastId = rows[rows.length - 1].id
    yield rows
  }
}
