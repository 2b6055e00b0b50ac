import type { Payload } from 'payload'

import { createHash } from 'node:crypto'

import { postgresErrorCode, type SQL } from './db.js'

import { perPayload } from './perPayload.js'

type Drizzle = Payload['db']['drizzle']
type Session = {
  prepareQuery: (
    query: { params: unknown[]; sql: string },
    fields: undefined,
    name: string | undefined,
    arrayMode: boolean,
  ) => { execute: () => Promise<unknown> }
}
type Internals = {
  dialect: { sqlToQuery: (query: SQL) => { params: unknown[]; sql: string } }
  session: Session
}

/** Off once the database refused a named statement (a connection pooler in transaction mode). */
const namingState = perPayload('preparedStatements', () => ({ off: false }))

/** Postgres's answers when a pooler sent a statement's Bind to a connection that never parsed it. */
const poolerCodes = new Set(['26000', '42P05'])

/**
 * Runs a statement the sender issues for every batch, outside a transaction, as a named prepared
 * statement (named after its text, so one name never means two texts): Postgres parses it once per
 * connection, and plans it once too when a generic plan costs no more than a custom one. Parsing
 * and planning were a tenth of Postgres's time sending a campaign (the result and send-time check
 * statements' parse and bind: 0.9 s per 100,000 emails). Only statements whose text does not change with their values may
 * come here. Behind a pooler that moves a session between server connections (PgBouncer in
 * transaction mode), the first refusal turns naming off for this Payload and the statement runs unnamed.
 */
export const executePrepared = async (payload: Payload, query: SQL): Promise<unknown> => {
  const state = namingState(payload)
  if (state.off) return payload.db.drizzle.execute(query)
  const { dialect, session } = payload.db.drizzle as Drizzle & Internals
  const compiled = dialect.sqlToQuery(query)
  const name = `em_${createHash('sha1').update(compiled.sql).digest('hex').slice(0, 24)}`
  try {
    return await session.prepareQuery(compiled, undefined, name, false).execute()
  } catch (error) {
    if (!poolerCodes.has(postgresErrorCode(error) ?? '')) throw error
    state.off = true
    payload.logger.warn({
      err: error,
      msg: 'email-marketing: the database refused a prepared statement (a connection pooler in transaction mode?); the sender uses unnamed statements from now on',
    })
    return payload.db.drizzle.execute(query)
  }
}
