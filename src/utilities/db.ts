import type { PayloadRequest } from 'payload'
import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

type Drizzle = Payload['db']['drizzle']

/** A drizzle SQL fragment, typed through @payloadcms/db-postgres's `sql` (no direct drizzle import). */
export type SQL = ReturnType<typeof sql>

/** A quoted identifier for `sql` templates (drizzle's `Name`), typed the same way. */
export type SQLIdentifier = ReturnType<typeof sql.identifier>

/** A collection's main table; see ./tables.ts, the one place that names tables and columns. */
export { tableOf } from './tables.js'

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

const quoteArrayElement = (value: null | number | string): string => {
  if (value === null) return 'NULL'
  // A number needs no quotes; batches put hundreds of ids into one literal.
  if (typeof value === 'number') return String(value)
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/**
 * A JS array as one Postgres array literal parameter (drizzle would otherwise expand it into a
 * list of parameters). Cast it in SQL: `${arrayParam(ids)}::int[]`.
 */
export const arrayParam = (values: readonly (null | number | string)[]): SQL =>
  sql`${`{${values.map(quoteArrayElement).join(',')}}`}`

/** The SQLSTATE of a failed query (`23505`: a unique index refused a row), as pg reports it or wrapped by drizzle. */
export const postgresErrorCode = (error: unknown): string | undefined => {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const { code } = cause as { code?: unknown }
    if (typeof code === 'string') return code
  }
  return undefined
}
