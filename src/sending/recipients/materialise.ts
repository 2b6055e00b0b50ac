import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../../utilities/db.js'

import { arrayParam, rowsOf } from '../../utilities/db.js'
import { insertOutboxRows } from './outboxRowsOf.js'
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

/**
 * Turns waiting recipients (`where` over the recipients table `w`) into outbox rows `queued` or
 * `held`, in one statement. They counted as pending already, as those rows do, so no delta is written.
 * Pause, cancel and erasure do this first, then act on the outbox rows as they always have.
 */
export const materialiseRecipients = async (
  payload: Payload,
  db: Drizzle,
  { status, where }: { status: 'held' | 'queued'; where: SQL },
): Promise<number> =>
  rowsOf(
    await db.execute(sql`
      WITH r AS (
        DELETE FROM ${campaignRecipientsTable(payload)} w WHERE ${where}
        RETURNING w.campaign_id, w.contact_id, w.variant
      ), written AS (${insertOutboxRows(payload, {
        attempts: sql`0`,
        claimedAt: sql`NULL`,
        from: sql`r`,
        leaseUntil: sql`NULL`,
        status: sql`${status}`,
        withIds: false,
      })})
      SELECT id FROM written`),
  ).length

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
 * Gives leased recipients back, for a sender that stops before sending them (a clean shutdown):
 * the leases are deleted and their recipients wait again, to be taken by any sender (their
 * campaign's claims start from them again).
 */
export const returnLeases = async (payload: Payload, leaseIds: number[]): Promise<void> => {
  if (leaseIds.length === 0) return
  await payload.db.drizzle.execute(sql`
    WITH l AS (DELETE FROM ${sendLeasesTable(payload)} w WHERE w.id = ANY(${arrayParam(leaseIds)}::int[]) RETURNING ${leaseEntryColumns('w')}),
    back AS (
      INSERT INTO ${campaignRecipientsTable(payload)} (campaign_id, contact_id, variant)
      SELECT r.campaign_id, r.contact_id, r.variant FROM l, ${leaseEntries('l')}
      ON CONFLICT (campaign_id, contact_id) DO NOTHING
      RETURNING campaign_id, contact_id
    )
    UPDATE ${campaignEnvelopesTable(payload)} e SET claim_floor = least(e.claim_floor, b.first)
    FROM (SELECT campaign_id, min(contact_id) AS first FROM back GROUP BY 1) b WHERE e.campaign_id = b.campaign_id`)
}
