import { sql } from '@payloadcms/db-postgres'
import { index } from '@payloadcms/db-postgres/drizzle/pg-core'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { type IndexColumn, requireKeys, type SchemaHook } from '../utilities/schemaHooks.js'
import { tableNameOf } from '../utilities/tables.js'

/**
 * The outbox's indexes. A message row gets three versions (enqueued, claimed, answered) and every
 * version of a row lands in every index whose predicate it meets, so the indexes used only for one
 * state are partial: the claim index holds queued rows only, the lease index sending rows only, the
 * campaign state index only the unsettled rows (queued, sending, held) that pause, resume, cancel
 * and campaign completion look for, so a campaign email written `sent` with its result never enters
 * it, and the Postmark id index only answered rows whose body is kept. Pruning a body rewrites the
 * row, and Postmark ids are random, so a pruned row entering the largest index of the outbox would
 * cost a random page write per row: about 40 % of the body retention pass, measured. Webhooks find a
 * pruned message by our own id in Metadata.messageId (see findMessage). The per-stream claim index
 * exists only when a stream has a rate limit, the only query that needs it.
 */
export const messageIndexesHook =
  (options: SanitizedEmailMarketingOptions): SchemaHook =>
  ({ adapter, extendTable, schema }) => {
    const name = tableNameOf(adapter, options.slugs.messages)
    const messages = schema.tables[name]
    const [
      status,
      priority,
      nextAttemptAt,
      id,
      leaseUntil,
      postmarkMessageId,
      campaign,
      stream,
      claimedAt,
      bodyPrunedAt,
    ] = requireKeys(
      messages,
      'status',
      'priority',
      'nextAttemptAt',
      'id',
      'leaseUntil',
      'postmarkMessageId',
      'campaign',
      'stream',
      'claimedAt',
      'bodyPrunedAt',
    )
    const rateLimited = Object.keys(options.sending.rateLimitPerMinute).length > 0
    extendTable({
      extraConfig: (columns) => {
        const column = (key: string) => columns[key] as IndexColumn
        return {
          emCampaignStatus: index(`${name}_campaign_state_idx`)
            .on(column(campaign), column(status))
            .where(
              sql`${column(campaign)} IS NOT NULL AND ${column(status)} IN ('queued', 'sending', 'held')`,
            ),
          emDue: index(`${name}_due_idx`)
            .on(column(priority), column(nextAttemptAt), column(id))
            .where(sql`${column(status)} = 'queued'`),
          emLeases: index(`${name}_lease_idx`)
            .on(column(leaseUntil))
            .where(sql`${column(status)} = 'sending'`),
          emPostmarkMessageId: index(`${name}_postmark_id_idx`)
            .on(column(postmarkMessageId))
            .where(
              sql`${column(postmarkMessageId)} IS NOT NULL AND ${column(bodyPrunedAt)} IS NULL`,
            ),
          ...(rateLimited
            ? {
                emStreamClaims: index(`${name}_stream_claimed_at_idx`).on(
                  column(stream),
                  column(claimedAt),
                ),
              }
            : {}),
        }
      },
      table: messages,
    })
    return schema
  }
