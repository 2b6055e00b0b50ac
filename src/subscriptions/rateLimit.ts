import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { createHash } from 'node:crypto'

import { arrayParam, rowsOf } from '../utilities/db.js'
import { rateLimitTableName } from './rateLimitTable.js'

export type RateLimitKey = { key: string; limit: number }

/** Hashes identifiers so the counter table holds no addresses or IPs in the clear. */
export const rateLimitKey = (kind: string, value: string): string =>
  `${kind}:${createHash('sha256').update(value).digest('base64url')}`

/**
 * Counts one hit on every key in the current window and says whether any key went over its limit.
 * Hits are counted even when refused, so hammering keeps the caller locked out.
 */
export const takeRateLimit = async (
  payload: Payload,
  keys: RateLimitKey[],
  windowSeconds: number,
): Promise<boolean> => {
  // The adapter's table object, so the name carries the adapter's schema (`schemaName`).
  const table = payload.db.tables[rateLimitTableName]
  const rows = rowsOf<{ hits: number; key: string }>(
    await payload.db.drizzle.execute(sql`
      WITH expired AS (
        DELETE FROM ${table} WHERE window_start < now() - make_interval(secs => ${windowSeconds * 2})
      )
      INSERT INTO ${table} AS counter (key, window_start, hits)
      SELECT k, to_timestamp(floor(extract(epoch FROM now()) / ${windowSeconds}) * ${windowSeconds}), 1
      FROM unnest(${arrayParam(keys.map((entry) => entry.key))}::text[]) AS k
      ON CONFLICT (key, window_start) DO UPDATE SET hits = counter.hits + 1
      RETURNING key, hits
    `),
  )
  const limits = new Map(keys.map((entry) => [entry.key, entry.limit]))
  return rows.every((row) => row.hits <= (limits.get(row.key) ?? Infinity))
}
