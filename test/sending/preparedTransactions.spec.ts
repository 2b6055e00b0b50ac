import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { claimMessages } from '../../src/sending/claimMessages'
import { rowsOf } from '../../src/utilities/db'
import { executePrepared, transactionWithPrepared } from '../../src/utilities/preparedStatements'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'

// Its own Payload: the refusal below turns naming off for the rest of this instance's life.
let app: TestPayload
let payload: Payload

beforeAll(async () => {
  app = await bootTestPayload({ cacheKey: 'prepared_transactions', name: 'prepared_transactions' })
  payload = app.payload
})

afterAll(async () => {
  await app?.shutdown()
})

/** The texts of the named statements of the session the pool hands out next (the one released last). */
const namedOnNextClient = async () => {
  const client = await payload.db.pool.connect()
  try {
    return (
      await client.query<{ statement: string }>(
        `SELECT statement FROM pg_prepared_statements WHERE name LIKE 'em\\_%'`,
      )
    ).rows.map((row) => row.statement)
  } finally {
    client.release()
  }
}

describe('prepared statements in a transaction', () => {
  it('a claim runs its plan settings, its outbox claim and its recipients take as named statements', async () => {
    expect(await claimMessages(payload, { limit: 10, now: new Date() })).toEqual([])
    const named = await namedOnNextClient()
    expect(named).toEqual(
      expect.arrayContaining([
        expect.stringContaining("set_config('enable_sort'"),
        expect.stringContaining('WITH due AS'),
        expect.stringContaining('DELETE FROM "email_marketing_recipient_batches"'),
      ]),
    )
  })

  it('runs the transaction again, unnamed, when the database refused a statement (a pooler in transaction mode)', async () => {
    const query = (value: number) => sql`SELECT ${value}::int AS value, 'in a transaction' AS kind`
    await transactionWithPrepared(payload, (tx) => executePrepared(payload, query(1), tx))
    expect(await namedOnNextClient()).toEqual(
      expect.arrayContaining([expect.stringContaining("'in a transaction'")]),
    )

    // What a pooler does: the client believes the statement is parsed, the server connection has none.
    const client = await payload.db.pool.connect()
    await client.query('DEALLOCATE ALL')
    client.release()
    let attempts = 0
    const rows = await transactionWithPrepared(payload, async (tx) => {
      attempts += 1
      return rowsOf(await executePrepared(payload, query(2), tx))
    })
    expect(rows).toEqual([{ kind: 'in a transaction', value: 2 }])
    expect(attempts).toBe(2)

    // Naming stays off: a claim runs unnamed from now on.
    expect(await claimMessages(payload, { limit: 10, now: new Date() })).toEqual([])
    expect(await namedOnNextClient()).toEqual([])
  })

  it('does not run a transaction again for any other error', async () => {
    let attempts = 0
    await expect(
      transactionWithPrepared(payload, async (tx) => {
        attempts += 1
        await executePrepared(payload, sql`SELECT 1 / ${0}::int`, tx)
      }),
    ).rejects.toThrow()
    expect(attempts).toBe(1)
  })
})
