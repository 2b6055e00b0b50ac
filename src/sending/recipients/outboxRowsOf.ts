import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../../utilities/db.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { tableOf } from '../../utilities/db.js'
import { campaignEnvelopesTable } from './recipientTables.js'

/** The address an outbox row gets when its recipient's contact was deleted before it was written. */
export const deletedContactAddress = '(deleted contact)'

export type OutboxRowSource = {
  attempts: SQL
  claimedAt: SQL
  /** A FROM item `r` with `campaign_id`, `contact_id`, `variant` and, when `withIds`, `id`. */
  from: SQL
  leaseUntil: SQL
  postmarkMessageId?: SQL
  sentAt?: SQL
  /** Skip a recipient whose row exists already (its dedupe key); without it such a row fails the INSERT. @default true */
  skipExisting?: boolean
  status: SQL
  withIds: boolean
}

/**
 * An INSERT of campaign recipients as outbox rows, each as the fan-out used to write it (sender and
 * subject from the campaign's envelope, the contact's current address) in the state `status`,
 * created when it was claimed (its "queued" moment in the message's timeline) or now.
 * Returns the rows' counted columns (`countedColumns`), aliased `m`. A recipient whose row exists
 * already (its dedupe key) is skipped, unless `skipExisting` is false.
 */
export const insertOutboxRows = (payload: Payload, source: OutboxRowSource): SQL => {
  const { slugs } = pluginOptionsOf(payload)
  const messages = tableOf(payload, slugs.messages)
  const contacts = tableOf(payload, slugs.contacts)
  return sql`
    INSERT INTO ${messages} AS m (${source.withIds ? sql`id, ` : sql``}kind, status, stream, contact_id, to_address, from_address,
      from_name, reply_to, subject, tag, metadata, dedupe_key, priority, attempts, next_attempt_at, claimed_at, lease_until,
      postmark_message_id, sent_at, events_open_count, events_click_count, created_at, updated_at, campaign_id, variant)
    SELECT ${source.withIds ? sql`r.id, ` : sql``}'campaign', (${source.status})::enum_em_message_status, e.stream, c.id,
      coalesce(c.email, ${deletedContactAddress}), e.from_address, e.from_name, e.reply_to, e.subject, e.tag, e.metadata,
      'campaign:' || r.campaign_id || ':' || r.contact_id, 1, ${source.attempts}, now(), ${source.claimedAt}, ${source.leaseUntil},
      ${source.postmarkMessageId ?? sql`NULL`}, ${source.sentAt ?? sql`NULL`}, 0, 0,
      coalesce(${source.claimedAt}, now()), now(), r.campaign_id, r.variant
    FROM ${source.from}
    JOIN ${campaignEnvelopesTable(payload)} e ON e.campaign_id = r.campaign_id
    LEFT JOIN ${contacts} c ON c.id = r.contact_id
    ${source.skipExisting === false ? sql`` : sql`ON CONFLICT (dedupe_key) DO NOTHING`}
    RETURNING m.id, m.campaign_id, m.variant, m.sent_at, m.events_delivered_at, m.events_opened_at, m.events_clicked_at,
      m.events_bounced_at, m.status::text AS status`
}
