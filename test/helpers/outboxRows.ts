import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { rowsOf } from '../../src/utilities/db'

/** Counts of outbox rows by status, straight from the table. */
export const statusCounts = async (payload: Payload): Promise<Record<string, number>> => {
  const rows = rowsOf<{ count: number; status: string }>(
    await payload.db.drizzle.execute(sql`SELECT status::text, count(*)::int AS count FROM messages GROUP BY status`),
  )
  return Object.fromEntries(rows.map((row) => [row.status, row.count]))
}

export const enqueueInChunks = async <T>(items: T[], size: number, enqueue: (chunk: T[]) => Promise<unknown>) => {
  for (let start = 0; start < items.length; start += size) {
    await enqueue(items.slice(start, start + size))
  }
}
