import type { Payload, PayloadRequest, Where } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../utilities/db.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { arrayParam, rowsOf } from '../utilities/db.js'
import { relsColumnOf, relsTableOf, tableOf } from '../utilities/tables.js'

export const contactColumns = [
  'id',
  'email',
  'firstName',
  'lastName',
  'phone',
  'company',
  'status',
  'source',
  'tags',
  'attributes',
  'createdAt',
] as const

const pageSize = 1000

/** One keyset page of contacts (id > afterId, in id order) that `condition` on `c` admits, as export rows. */
const contactRows = async (
  payload: Payload,
  condition: SQL,
  afterId: number,
  extra: SQL = sql``,
) => {
  const { slugs } = pluginOptionsOf(payload)
  const rels = relsTableOf(payload, slugs.contacts)
  const tagColumn = relsColumnOf(payload, slugs.contacts, slugs.tags)
  return rowsOf<Record<string, unknown> & { id: number }>(
    await payload.db.drizzle.execute(sql`
      SELECT c.id, c.email, c.first_name AS "firstName", c.last_name AS "lastName", c.phone, c.company, c.status,
        c.source, c.attributes, c.created_at AS "createdAt",
        (SELECT string_agg(t.name, ';' ORDER BY r."order") FROM ${rels} r JOIN ${tableOf(payload, slugs.tags)} t ON t.id = r.${tagColumn}
          WHERE r.parent_id = c.id AND r.path = 'tags') AS tags
        ${extra}
      FROM ${tableOf(payload, slugs.contacts)} c
      WHERE c.id > ${afterId} AND ${condition}
      ORDER BY c.id LIMIT ${pageSize}`),
  )
}

/**
 * Contacts matching a Payload `where`, page by page in id order (keyset, not offset). The where and
 * the user's access are applied by the Local API, which returns only ids; one SQL query per page
 * then reads the columns.
 */
export async function* contactPagesWhere(
  req: PayloadRequest,
  where: undefined | Where,
): AsyncGenerator<Record<string, unknown>[]> {
  const { payload } = req
  const { slugs } = pluginOptionsOf(payload)
  let lastId = 0
  for (;;) {
    const { docs } = await payload.find({
      collection: slugs.contacts as 'users',
      depth: 0,
      limit: pageSize,
      overrideAccess: false,
      pagination: false,
      req,
      select: { id: true } as never,
      sort: 'id',
      where: { and: [...(where ? [where] : []), { id: { greater_than: lastId } }] },
    })
    if (docs.length === 0) return
    const ids = (docs as unknown as { id: number }[]).map((doc) => Number(doc.id))
    lastId = ids[ids.length - 1]
    yield await contactRows(payload, sql`c.id = ANY(${arrayParam(ids)}::int[])`, 0)
  }
}

/**
 * Contacts whose ids a SQL subquery selects (a list's members, a segment), in keyset pages, with
 * the columns of `contactColumns` plus any the `extra` select adds.
 */
export async function* contactPagesIn(
  payload: Payload,
  idsQuery: SQL,
  extra?: SQL,
): AsyncGenerator<Record<string, unknown>[]> {
  let lastId = 0
  for (;;) {
    const rows = await contactRows(payload, sql`c.id IN (${idsQuery})`, lastId, extra)
    if (rows.length === 0) return
    lastId = rows[rows.length - 1].id
    yield rows
  }
}
