import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { ClaimedMessage } from '../../src/sending/outboxTypes'
import type { SQL } from '../../src/utilities/db'

import { claimStatement } from '../../src/sending/claimMessages'
import { recipientClaimStatement } from '../../src/sending/recipients/claimRecipients'
import { leaseResultStatement } from '../../src/sending/recipients/recordLeaseResults'
import { verdictStatement } from '../../src/sending/suppressAtSendTime'
import { rowsOf } from '../../src/utilities/db'
import { executePrepared } from '../../src/utilities/preparedStatements'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'

let app: TestPayload
let payload: Payload

beforeAll(async () => {
  app = await bootTestPayload({ cacheKey: 'default', name: 'prepared_statements' })
  payload = app.payload
})

afterAll(async () => {
  await app?.shutdown()
})

const textOf = (query: SQL) =>
  (
    payload.db.drizzle as unknown as { dialect: { sqlToQuery: (q: SQL) => { sql: string } } }
  ).dialect.sqlToQuery(query).sql

const email = (id: number, overrides: Partial<ClaimedMessage> = {}) =>
  ({
    campaignId: id * 3,
    contactId: id * 7,
    id,
    kind: 'campaign',
    stream: 'broadcast',
    toAddress: `reader${id}@example.com`,
    ...overrides,
  }) as ClaimedMessage

/** Named statements of the session the pool hands out next (it reuses the client released last). */
const namedOnNextClient = async () => {
  const client = await payload.db.pool.connect()
  try {
    return (
      await client.query(
        `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'em\\_%'`,
      )
    ).rows[0].n as number
  } finally {
    client.release()
  }
}

describe('statements the sender runs prepared', () => {
  it('have a text that does not change with their values (one name, one text)', () => {
    const accepted = (ids: number[]) =>
      ids.map((id) => ({ id, postmarkMessageId: `pm-${id}`, status: 'accepted' as const }))
    const results = [
      leaseResultStatement(payload, 1, accepted([1, 2]), {
        captured: false,
        now: new Date('2026-01-01'),
        skipExisting: false,
      }),
      leaseResultStatement(payload, 99, accepted([5]), {
        captured: true,
        now: new Date('2027-06-30'),
        skipExisting: false,
      }),
    ]
    expect(textOf(results[1])).toBe(textOf(results[0]))
    const verdicts = [
      verdictStatement(payload, [email(1), email(2)]),
      verdictStatement(payload, [
        email(3, { campaignId: null, kind: 'transactional', toAddress: 'A <a@x.org>, b@y.org' }),
      ]),
    ]
    expect(textOf(verdicts[1])).toBe(textOf(verdicts[0]))
    const claims = [
      claimStatement(payload, sql`true`, 500, new Date('2026-01-01')),
      claimStatement(payload, sql`true`, 37, new Date('2027-06-30')),
    ]
    expect(textOf(claims[1])).toBe(textOf(claims[0]))
    const takes = [
      recipientClaimStatement(payload, { limit: 500, now: new Date('2026-01-01') }),
      recipientClaimStatement(payload, { limit: 12, now: new Date('2027-06-30') }),
    ]
    expect(textOf(takes[1])).toBe(textOf(takes[0]))
  })

  it('runs named, and unnamed from the first time the database refuses one (a pooler in transaction mode)', async () => {
    const query = (value: number) => sql`SELECT ${value}::int AS value, 'prepared' AS kind`
    expect(rowsOf(await executePrepared(payload, query(1)))).toEqual([
      { kind: 'prepared', value: 1 },
    ])
    expect(await namedOnNextClient()).toBe(1)

    // What a pooler does: the client believes the statement is parsed, the server connection has none.
    const client = await payload.db.pool.connect()
    await client.query('DEALLOCATE ALL')
    client.release()
    expect(rowsOf(await executePrepared(payload, query(2)))).toEqual([
      { kind: 'prepared', value: 2 },
    ])
    expect(rowsOf(await executePrepared(payload, sql`SELECT ${3}::int AS value`))).toEqual([
      { value: 3 },
    ])
    expect(await namedOnNextClient()).toBe(0)
  })
})
