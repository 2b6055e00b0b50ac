import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { arrayParam, rowsOf } from '../../src/utilities/db'
import { tables } from './slugs'

/** Counts of outbox rows by status, straight from the table. */
export const statusCounts = async (payload: Payload): Promise<Record<string, number>> => {
  const rows = rowsOf<{ count: number; status: string }>(
    await payload.db.drizzle.execute(
      sql`SELECT status::text, count(*)::int AS count FROM ${tables.messages} GROUP BY status`,
    ),
  )
  return Object.fromEntries(rows.map((row) => [row.status, row.count]))
}

export const enqueueInChunks = async <T>(
  items: T[],
  size: number,
  enqueue: (chunk: T[]) => Promise<unknown>,
) => {
  for (let start = 0; start < items.length; start += size) {
    await enqueue(items.slice(start, start + size))
  }
}

/**
 * Marketing rows need a contact (their unsubscribe link names one): creates an active contact for
 * each input's address in one statement (or finds it) and links the input to it.
 */
export const withContacts = async <T extends { to: string }>(
  payload: Payload,
  inputs: T[],
): Promise<(T & { contact: number })[]> => {
  const rows = rowsOf<{ email: string; id: number }>(
    await payload.db.drizzle.execute(sql`
      INSERT INTO ${tables.contacts} (email, status, attributes, created_at, updated_at)
      SELECT email, 'active', '{}'::jsonb, now(), now() FROM (SELECT DISTINCT unnest(${arrayParam(inputs.map((input) => input.to))}::text[]) AS email) AS addresses
      ON CONFLICT (email) DO UPDATE SET email = excluded.email
      RETURNING id, email`),
  )
  const ids = new Map(rows.map((row) => [row.email, row.id]))
  return inputs.map((input) => ({ ...input, contact: ids.get(input.to)! }))
}
