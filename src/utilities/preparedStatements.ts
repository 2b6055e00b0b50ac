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

const refusedByPooler = (error: unknown) => poolerCodes.has(postgresErrorCode(error) ?? '')

/**
 * Runs a statement the sender issues for every batch as a named prepared statement (named after
 * its text, so one name never means two texts), on `db`: the pool, or a transaction. Postgres
 * parses it once per connection, and plans it once too when a generic plan costs no more than a
 * custom one. Parsing and planning were a tenth of Postgres's time sending a campaign (the result
 * and send-time check statements' parse and bind: 0.9 s per 100,000 emails). Only statements whose
 * text does not change with their values may come here. Behind a pooler that moves a session
 * between server connections (PgBouncer in transaction mode), the first refusal turns naming off for
 * this Payload: on the pool the statement then runs unnamed; in a transaction, which the refusal
 * aborted, the error is thrown for `transactionWithPrepared` to run the transaction again.
 */
export const executePrepared = async (
  payload: Payload,
  query: SQL,
  db: Drizzle = payload.db.drizzle,
): Promise<unknown> => {
  const state = namingState(payload)
  if (state.off) return db.execute(query)
  const { dialect, session } = db as Drizzle & Internals
  const compiled = dialect.sqlToQuery(query)
  const name = `em_${createHash('sha1').update(compiled.sql).digest('hex').slice(0, 24)}`
  try {
    return await session.prepareQuery(compiled, undefined, name, false).execute()
  } catch (error) {
    if (!refusedByPooler(error)) throw error
    state.off = true
    payload.logger.warn({
      err: error,
      msg: 'email-marketing: the database refused a prepared statement (a connection pooler in transaction mode?); the sender uses unnamed statements from now on',
    })
    if (db !== payload.db.drizzle) throw error
    return db.execute(query)
  }
}

/**
 * A transaction whose statements run through `executePrepared`: run once more, with naming off, when
 * the database refused a prepared statement and so aborted it.
 */
export const transactionWithPrepared = async <T>(
  payload: Payload,
  work: (tx: Drizzle) => Promise<T>,
): Promise<T> => {
  const run = () => payload.db.drizzle.transaction((tx) => work(tx as unknown as Drizzle))
  try {
    return await run()
  } catch (error) {
    if (!refusedByPooler(error) || !namingState(payload).off) throw error
    return run()
  }
}
