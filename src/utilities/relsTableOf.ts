import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { type SQLIdentifier, tableOf } from './db.js'

/** The `<table>_rels` table that holds a collection's hasMany relationships (not in the adapter's table name map). */
export const relsTableOf = (payload: Payload, slug: string): SQLIdentifier => {
  const suffix =
    (payload.db as unknown as { relationshipsSuffix?: string }).relationshipsSuffix ?? '_rels'
  const main = (tableOf(payload, slug) as unknown as { value: string }).value
  return sql.identifier(`${main}${suffix}`)
}
