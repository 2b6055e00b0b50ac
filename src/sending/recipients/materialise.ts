import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../../utilities/db.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { countedMessageUpdate } from '../counters/countDeltas.js'
import { arrayParam, rowsOf, tableOf } from '../../utilities/db.js'
import { insertOutboxRows } from './outboxRowsOf.js'
import { batchEntries, batchHolds, insertRecipientBatches } from './recipientBatches.js'
import {
  campaignEnvelopesTable,
  campaignRecipientsTable,
  sendLeasesTable,
} from './recipientTables.js'

type Drizzle = Payload['db']['drizzle']

/** The columns of a lease row that hold its emails, for a RETURNING list. */
export const leaseEntryColumns = (lease: string): SQL =>
  sql.raw(`${lease}.ids, ${lease}.campaign_ids, ${lease}.contact_ids, ${lease}.variants`)

/** A lease's emails as rows `r` (id, campaign_id, contact_id, variant) next to the lease `l`. */
export const leaseEntries = (lease: string): SQL =>
  sql.raw(
    `unnest(${lease}.ids::int[], ${lease}.campaign_ids::int[], ${lease}.contact_ids::int[], ${lease}.variants::int[]) AS r(id, campaign_id, contact_id, variant)`,
  )

/** Whose waiting recipients to materialise: a campaign's, or one contact's in every campaign. */
export type WaitingRecipientsOf = { campaignId: number } | { contactId: number }

/**
 * Turns waiting recipients into outbox rows `queued` or `held`, in one statement: their batch rows
 * are deleted (a contact's batches are written back without it). They counted as pending already,
 * as those rows do, so no delta is written. Pause, cancel and erasure do this first, then act on
 * the outbox rows as they always have. A recipient whose campaign has no envelope yet stays.
 */
export const materialiseRecipients = async (
  payload: Payload,
  db: Drizzle,
  { status, ...of }: { status: 'held' | 'queued' } & WaitingRecipientsOf,
): Promise<number> => {
  const envelopes = campaignEnvelopesTable(payload)
  const hasEnvelope = sql`w.campaign_id IN (SELECT campaign_id FROM ${envelopes})`
  const where =
    'campaignId' in of
      ? sql`w.campaign_id = ${of.campaignId} AND ${hasEnvelope}`
      : sql`${batchHolds('w', of.contactId)} AND ${hasEnvelope}`
  const others = 'contactId' in of ? sql`contact_id <> ${of.contactId}` : sql`false`
  return rowsOf(
    await db.execute(sql`
      WITH batches AS (
        DELETE FROM ${campaignRecipientsTable(payload)} w WHERE ${where} RETURNING w.campaign_id, w.contact_ids, w.variants
      ), entries AS (
        SELECT b.campaign_id, x.contact_id, x.variant FROM batches b, ${batchEntries('b')}
      ), kept AS (${insertRecipientBatches(payload, sql`(SELECT * FROM entries WHERE ${others}) e`)}
      ), written AS (${insertOutboxRows(payload, {
        attempts: sql`0`,
        claimedAt: sql`NULL`,
        from: sql`(SELECT campaign_id, contact_id, variant FROM entries WHERE NOT (${others})) r`,
        leaseUntil: sql`NULL`,
        status: sql`${status}`,
        withIds: false,
      })})
      SELECT id FROM written`),
  ).length
}

/**
 * Turns send leases (`where` over the leases table `w`) into outbox rows `sending` with their
 * pre-drawn ids, claimed when the lease was and leased until it ends. From then on the
 * outbox's own paths (suppression, retries, the reconciler's search by id) apply to them. A lease
 * already gone (its results were written) is skipped.
 */
export const materialiseLeases = async (
  payload: Payload,
  db: Drizzle,
  { where }: { where: SQL },
): Promise<void> => {
  await db.execute(sql`
      WITH l AS (
        DELETE FROM ${sendLeasesTable(payload)} w WHERE ${where} RETURNING w.claimed_at, w.lease_until, ${leaseEntryColumns('w')}
      ), written AS (${insertOutboxRows(payload, {
        attempts: sql`1`,
        claimedAt: sql`l.claimed_at`,
        from: sql`l, ${leaseEntries('l')}`,
        leaseUntil: sql`l.lease_until`,
        status: sql`'sending'`,
        withIds: true,
      })})
      SELECT 1`)
}

/**
 * Writes a campaign's waiting recipients and unsent rows (`queued`, `held`) as `cancelled` rows,
 * with their counter deltas, in `db` (cancelling a campaign, or recipients coming back to a
 * cancelled one). Returns how many rows it cancelled.
 */
export const cancelUnsentEmails = async (
  payload: Payload,
  db: Drizzle,
  campaignId: number,
): Promise<number> => {
  await materialiseRecipients(payload, db, { campaignId, status: 'queued' })
  return rowsOf(
    await db.execute(
      countedMessageUpdate(payload, {
        set: sql`status = 'cancelled', updated_at = now()`,
        where: sql`m.campaign_id = ${campaignId} AND m.status IN ('queued', 'held')`,
      }),
    ),
  ).length
}

/**
 * Gives leased recipients back, for a sender that stops before sending them (a clean shutdown, or
 * a batch whose lease ran short before its call): the leases are deleted and their recipients wait
 * again as batch rows, to be taken by any sender. A campaign paused or cancelled meanwhile gets
 * them as it got its other waiting recipients: `held` rows, or `cancelled` ones. Its row is locked
 * first, so a pause or cancel running now either waits for the recipients to be back (and takes
 * them) or has committed (and they follow it).
 */
export const returnLeases = async (payload: Payload, leaseIds: number[]): Promise<void> => {
  if (leaseIds.length === 0) return
  const campaigns = tableOf(payload, pluginOptionsOf(payload).slugs.campaigns)
  const leases = sendLeasesTable(payload)
  const ids = arrayParam(leaseIds)
  await payload.db.drizzle.transaction(async (tx) => {
    const db = tx as unknown as Drizzle
    const states = rowsOf<{ id: number; status: string }>(
      await db.execute(sql`
        SELECT id, status::text AS status FROM ${campaigns}
        WHERE id IN (SELECT unnest(campaign_ids::int[]) FROM ${leases} WHERE id = ANY(${ids}::int[]))
        ORDER BY id FOR SHARE`),
    )
    await db.execute(sql`
      WITH l AS (DELETE FROM ${leases} w WHERE w.id = ANY(${ids}::int[]) RETURNING ${leaseEntryColumns('w')})
      ${insertRecipientBatches(payload, sql`(SELECT r.campaign_id, r.contact_id, r.variant FROM l, ${leaseEntries('l')}) e`)}`)
    for (const campaign of states) {
      if (campaign.status === 'paused')
        await materialiseRecipients(payload, db, { campaignId: campaign.id, status: 'held' })
      if (campaign.status === 'cancelled') await cancelUnsentEmails(payload, db, campaign.id)
    }
  })
}
