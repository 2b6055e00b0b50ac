import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { ClaimedMessage } from './outboxTypes.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { claimRecipients } from './recipients/claimRecipients.js'
import { sendLeasesTable } from './recipients/recipientTables.js'
import { arrayParam, rowsOf, type SQL, tableOf } from '../utilities/db.js'
import { executePrepared, transactionWithPrepared } from '../utilities/preparedStatements.js'

/**
 * Locks up to `limit` due rows no other worker holds (SKIP LOCKED), marks them `sending` with a
 * lease and returns them, in one statement. Priority 0 (transactional, 1:1) comes before 1 (broadcast).
 */
export const claimStatement = (payload: Payload, filter: SQL, limit: number, now: Date): SQL => {
  const options = pluginOptionsOf(payload)
  const messages = tableOf(payload, options.slugs.messages)
  const at = now.toISOString()
  return sql`
    WITH due AS (
      SELECT id FROM ${messages}
      WHERE status = 'queued' AND next_attempt_at <= ${at}::timestamptz AND ${filter}
      ORDER BY priority, next_attempt_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE ${messages} m
    SET status = 'sending', attempts = m.attempts + 1, claimed_at = ${at}::timestamptz,
        lease_until = ${at}::timestamptz + make_interval(secs => ${options.sending.leaseSeconds}), updated_at = now()
    FROM due WHERE m.id = due.id
    RETURNING m.id, m.kind, m.stream, m.contact_id AS "contactId", m.to_address AS "toAddress", m.cc, m.bcc,
      m.from_address AS "fromAddress", m.from_name AS "fromName", m.reply_to AS "replyTo", m.subject, m.html, m.text,
      m.template_alias AS "templateAlias", m.template_model AS "templateModel", m.tag, m.metadata, m.headers,
      m.attachments, m.attempts, m.campaign_id AS "campaignId", m.variant::int AS variant`
}

/**
 * The due index and the recipients index hand rows over in claim order, so a claim reads only the
 * rows it takes. The planner does not always see that: with statistics from before a large fan-out
 * it expects few rows and prefers reading every queued row (or every waiting recipient) and sorting
 * them (measured: 140 ms instead of 25 ms per 500-row claim with 100,000 queued; a recipients claim
 * read every waiting recipient of the campaign, up to 100,000, for each batch of 500). Sorts and bitmap scans are
 * switched off for the claim's transaction, and so is JIT: a sort the plan still needs then costs
 * more than JIT's threshold, and compiling took 450 ms of a 0.5 ms claim.
 */
export const claimPlanSettings: SQL = sql`SELECT set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true), set_config('jit', 'off', true)`

/**
 * A stream with a per-minute limit is claimed under an advisory lock on that stream, so counting
 * the last minute's claims and claiming more cannot interleave across workers.
 */
const claimRateLimited = async (
  payload: Payload,
  stream: string,
  perMinute: number,
  limit: number,
  now: Date,
): Promise<ClaimedMessage[]> => {
  const messages = tableOf(payload, pluginOptionsOf(payload).slugs.messages)
  return transactionWithPrepared(payload, async (tx) => {
    await executePrepared(payload, claimPlanSettings, tx)
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtext(${`email-marketing-rate:${stream}`}))`,
    )
    const since = sql`${now.toISOString()}::timestamptz - interval '1 minute'`
    const [{ recent }] = rowsOf<{ recent: number }>(
      await tx.execute(sql`
        SELECT (SELECT count(*) FROM ${messages} WHERE stream = ${stream} AND claimed_at > ${since})::int
          + (SELECT coalesce(sum(cardinality(ids::int[])), 0) FROM ${sendLeasesTable(payload)}
             WHERE stream = ${stream} AND claimed_at > ${since})::int AS recent`),
    )
    const allowance = Math.min(limit, perMinute - recent)
    if (allowance <= 0) return []
    const claimed = rowsOf<ClaimedMessage>(
      await tx.execute(claimStatement(payload, sql`stream = ${stream}`, allowance, now)),
    )
    if (stream !== pluginOptionsOf(payload).postmark.broadcastStream) return claimed
    return [
      ...claimed,
      ...(await claimRecipients(payload, tx, {
        limit: allowance - claimed.length,
        now,
      })),
    ]
  })
}

/**
 * Claims the next batch: outbox rows of streams without a limit first, then campaign recipients
 * (when the broadcast stream has no limit), then rate-limited streams up to their allowance.
 */
export const claimMessages = async (
  payload: Payload,
  { limit, now }: { limit: number; now: Date },
): Promise<ClaimedMessage[]> => {
  const { postmark, sending } = pluginOptionsOf(payload)
  const limits = Object.entries(sending.rateLimitPerMinute)
  const unlimited = limits.length
    ? sql`NOT (stream = ANY(${arrayParam(limits.map(([stream]) => stream))}::text[]))`
    : sql`true`
  const claimed = await transactionWithPrepared(payload, async (tx) => {
    await executePrepared(payload, claimPlanSettings, tx)
    const rows = rowsOf<ClaimedMessage>(
      await executePrepared(payload, claimStatement(payload, unlimited, limit, now), tx),
    )
    if (postmark.broadcastStream in sending.rateLimitPerMinute) return rows
    return [
      ...rows,
      ...(await claimRecipients(payload, tx, {
        limit: limit - rows.length,
        now,
      })),
    ]
  })
  for (const [stream, perMinute] of limits) {
    if (claimed.length >= limit) break
    claimed.push(
      ...(await claimRateLimited(payload, stream, perMinute, limit - claimed.length, now)),
    )
  }
  return claimed
}
