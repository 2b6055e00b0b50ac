import type { PayloadRequest } from 'payload'
import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

type Drizzle = Payload['db']['drizzle']

/** A drizzle SQL fragment, typed through @payloadcms/db-postgres's `sql` (no direct drizzle import). */
export type SQL = ReturnType<typeof sql>

/** A quoted identifier for `sql` templates (drizzle's `Name`), typed the same way. */
export type SQLIdentifier = ReturnType<typeof sql.identifier>

const toSnakeCase = (value: string): string =>
  value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^a-zA-Z0-9]+/g, '_')
    .toLowerCase()

/** The Postgres table behind a collection, as an identifier safe to put in `sql` templates. */
export const tableOf = (payload: Payload, slug: string): SQLIdentifier => {
  const name = payload.db.tableNameMap.get(toSnakeCase(slug))
  if (!name) {
    throw new Error(`payload-plugin-email-marketing: no database table for collection "${slug}".`)
  }
  return sql.identifier(name)
}

/** The drizzle handle of the request's open transaction, or the shared one outside a transaction. */
export const drizzleFor = async (
  req: Pick<PayloadRequest, 'payload' | 'transactionID'>,
): Promise<Drizzle> => {
  const transactionID =
    req.transactionID instanceof Promise ? await req.transactionID : req.transactionID
  const session = transactionID ? req.payload.db.sessions?.[transactionID] : undefined
  return (session?.db as Drizzle | undefined) ?? req.payload.db.drizzle
}

/** Rows of a raw query, whichever drizzle handle ran it. */
export const rowsOf = <Row>(result: unknown): Row[] => (result as { rows: Row[] }).rows

const quoteArrayElement = (value: null | number | string): string =>
  value === null ? 'NULL' : `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

/**
 * A JS array as one Postgres array literal parameter (drizzle would otherwise expand it into a
 * list of parameters). Cast it in SQL: `${arrayParam(ids)}::int[]`.
 */
export const arrayParam = (values: readonly (null | number | string)[]): SQL =>
  sql`${`{${values.map(quoteArrayElement).join(',')}}`}`
