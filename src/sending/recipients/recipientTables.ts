import type { Payload } from 'payload'

import type { SQL } from '../../utilities/db.js'
import type { BeforeSchemaHook } from '../../utilities/schemaHooks.js'

/**
 * A campaign's recipients waiting to be sent, as the fan-out writes them: one row per batch of up
 * to `sending.batchSize` contacts (no outbox row yet), so a claim takes a batch by deleting one row.
 * They count as pending in the campaign counters. A row's contacts are ascending and no contact is
 * in two rows of a campaign, so `first_contact_id` and `last_contact_id` bound each row and a
 * contact is found by range before its array is read (see recipientBatches.ts).
 */
export const campaignRecipientsTableName = 'email_marketing_recipient_batches'
/** What every email of a campaign shares (sender, subject, stream), written once by the fan-out. */
export const campaignEnvelopesTableName = 'email_marketing_campaign_envelopes'
/**
 * A batch of recipients a sender took and is sending: one row per batch, holding each email's
 * pre-drawn outbox id, deleted in the transaction that writes the emails' outbox rows. Its emails
 * are four parallel integer arrays (see leaseEntries), stored as array literals in text columns:
 * Payload's raw schema has no array type, and building and reading them costs Postgres a fifth of
 * what a JSON array of 500 objects did.
 */
export const sendLeasesTableName = 'email_marketing_send_leases'

const timestamp = (name: string) =>
  ({
    name,
    type: 'timestamp',
    mode: 'string',
    notNull: true,
    precision: 3,
    withTimezone: true,
  }) as const

/**
 * Declares the campaign send tables in Payload's raw schema (beforeSchemaInit), so dev pushes
 * create them and `payload migrate:create` writes them into a migration.
 */
export const campaignRecipientTablesHook: BeforeSchemaHook = ({ adapter, schema }) => {
  adapter.rawTables[campaignRecipientsTableName] = {
    name: campaignRecipientsTableName,
    columns: {
      campaignId: { name: 'campaign_id', type: 'integer', notNull: true },
      contactIds: { name: 'contact_ids', type: 'text', notNull: true },
      firstContactId: { name: 'first_contact_id', type: 'integer', notNull: true },
      lastContactId: { name: 'last_contact_id', type: 'integer', notNull: true },
      variants: { name: 'variants', type: 'text', notNull: true },
    },
    indexes: {
      campaignFirstContact: {
        name: `${campaignRecipientsTableName}_campaign_first_contact_idx`,
        on: ['campaignId', 'firstContactId'],
        unique: true,
      },
    },
  }
  adapter.rawTables[campaignEnvelopesTableName] = {
    name: campaignEnvelopesTableName,
    columns: {
      campaignId: { name: 'campaign_id', type: 'integer', notNull: true, primaryKey: true },
      fromAddress: { name: 'from_address', type: 'text', notNull: true },
      fromName: { name: 'from_name', type: 'text' },
      metadata: { name: 'metadata', type: 'jsonb' },
      replyTo: { name: 'reply_to', type: 'text' },
      stream: { name: 'stream', type: 'text', notNull: true },
      subject: { name: 'subject', type: 'text' },
      tag: { name: 'tag', type: 'text' },
    },
  }
  adapter.rawTables[sendLeasesTableName] = {
    name: sendLeasesTableName,
    columns: {
      claimedAt: timestamp('claimed_at'),
      campaignIds: { name: 'campaign_ids', type: 'text', notNull: true },
      contactIds: { name: 'contact_ids', type: 'text', notNull: true },
      id: { name: 'id', type: 'serial', primaryKey: true },
      ids: { name: 'ids', type: 'text', notNull: true },
      leaseUntil: timestamp('lease_until'),
      stream: { name: 'stream', type: 'text', notNull: true },
      variants: { name: 'variants', type: 'text', notNull: true },
    },
  }
  return schema
}

type Tables = { tables: Record<string, unknown> }

const tableNamed =
  (name: string) =>
  (payload: { db: Tables } | Payload): SQL =>
    (payload.db as Tables).tables[name] as unknown as SQL

export const campaignRecipientsTable = tableNamed(campaignRecipientsTableName)
export const campaignEnvelopesTable = tableNamed(campaignEnvelopesTableName)
export const sendLeasesTable = tableNamed(sendLeasesTableName)
