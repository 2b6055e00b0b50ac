import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { createHash } from 'node:crypto'

import { arrayParam, rowsOf } from '../utilities/db.js'

/*
 * Counters live in their own schema: Payload's dev schema push only manages `public`, so it never
 * drops this table, and every server process shares the same counts.
 */
export const ensureRateLimitTable = async (payload: Payload): Promise<void> => {
  await payload.db.drizzle.execute(sql`
    CREATE SCHEMA IF NOT EXISTS email_marketing;
    CREATE TABLE IF NOT EXISTS email_marketing.rate_limit_hits (
      key text NOT NULL,
      window_start timestamptz NOT NULL,
      hits int NOT NULL,
      PRIMARY KEY (key, window_start)
    );
    CREATE INDEX IF NOT EXISTS rate_limit_hits_window_idx ON email_marketing.rate_limit_hits (window_start);
  `)
}

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
  const rows = rowsOf<{ hits: number; key: string }>(
    await payload.db.drizzle.execute(sql`
      WITH expired AS (
        DELETE FROM email_marketing.rate_limit_hits WHERE window_start < now() - make_interval(secs => ${windowSeconds * 2})
      )
      INSERT INTO email_marketing.rate_limit_hits (key, window_start, hits)
      SELECT k, to_timestamp(floor(extract(epoch FROM now()) / ${windowSeconds}) * ${windowSeconds}), 1
      FROM unnest(${arrayParam(keys.map((entry) => entry.key))}::text[]) AS k
      ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
      RETURNING key, hits
    `),
  )
  const limits = new Map(keys.map((entry) => [entry.key, entry.limit]))
  return rows.every((row) => row.hits <= (limits.get(row.key) ?? Infinity))
}
