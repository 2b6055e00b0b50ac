import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { ImportRow, RejectedRow } from './classifyRow.js'

import { recordContactEvents } from '../events/recordContactEvents.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { arrayParam, rowsOf } from '../utilities/db.js'
import { relsColumnOf, relsTableOf, tableOf } from '../utilities/tables.js'

export type ImportSettings = {
  consentSource: null | string
  consentText: null | string
  dedupe: 'skip' | 'update'
  id: number
  listIds: number[]
  listStatus: 'pending' | 'subscribed'
  /** Record list.subscribed / tag.added automation facts for what the chunk added, in its transaction. */
  recordEvents: boolean
  tagIds: number[]
}

/** An accepted row with what the erased-address check and its report need. */
export type ChunkRow = ImportRow & { hash: string; raw: string[] }

export type ChunkResult = {
  newSubscriptions: { contactId: number; listId: number }[]
  newTags: { contactId: number; tagId: number }[]
}

/** The import was taken over or stopped while this chunk ran; the chunk was rolled back. */
export class ImportLostError extends Error {}

/**
 * Writes one chunk in one transaction: rejected rows (plus the accepted rows whose address hash is
 * an erased address's), the contacts upsert (ON CONFLICT on email),
 * subscriptions and tag links of the upserted contacts, and the job's counters and checkpoint. The
 * job update is guarded by the checkpoint this worker read, so a worker that lost its lease writes
 * nothing. Only active contacts get subscriptions, and an existing subscription (say, unsubscribed)
 * is never changed by an import. With `recordEvents`, the automation facts of the new subscriptions
 * and tags commit with the chunk.
 */
export const writeChunk = async (
  payload: Payload,
  settings: ImportSettings,
  chunk: {
    accepted: ChunkRow[]
    bytesRead: number
    fromCheckpoint: number
    rejected: RejectedRow[]
    toCheckpoint: number
  },
): Promise<ChunkResult> => {
  const { imports, slugs } = pluginOptionsOf(payload)
  const contacts = tableOf(payload, slugs.contacts)
  const jobs = tableOf(payload, slugs.contactImports)
  const contactRels = relsTableOf(payload, slugs.contacts)
  const tagColumn = relsColumnOf(payload, slugs.contacts, slugs.tags)
  const conflict =
    settings.dedupe === 'update'
      ? sql`ON CONFLICT (email) DO UPDATE SET
          first_name = COALESCE(EXCLUDED.first_name, c.first_name),
          last_name = COALESCE(EXCLUDED.last_name, c.last_name),
          phone = COALESCE(EXCLUDED.phone, c.phone),
          company = COALESCE(EXCLUDED.company, c.company),
          attributes = CASE WHEN EXCLUDED.attributes IS NULL THEN c.attributes
            ELSE COALESCE(c.attributes, '{}'::jsonb) || EXCLUDED.attributes END,
          consent_at = COALESCE(c.consent_at, EXCLUDED.consent_at),
          consent_text = COALESCE(c.consent_text, EXCLUDED.consent_text),
          updated_at = now()`
      : sql`ON CONFLICT (email) DO NOTHING`
  const consentAt = settings.consentText || settings.consentSource ? new Date().toISOString() : null
  const statement = sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(chunk.accepted)}::jsonb)
        AS r("row" int, email text, first_name text, last_name text, phone text, company text, attributes jsonb, hash text, raw jsonb)
    ), erased AS (
      SELECT i."row", i.email, i.raw FROM input i
      WHERE EXISTS (SELECT 1 FROM ${tableOf(payload, slugs.erasedAddresses)} e WHERE e.hash = i.hash)
    ), rejections AS (
      INSERT INTO ${tableOf(payload, slugs.importRejections)} (import_id, "row", email, reason, raw, created_at, updated_at)
      SELECT ${settings.id}::int, r."row", r.email, r.reason, r.raw, now(), now()
      FROM jsonb_to_recordset(${JSON.stringify(chunk.rejected)}::jsonb) AS r("row" int, email text, reason text, raw jsonb)
      UNION ALL
      SELECT ${settings.id}::int, x."row", x.email, 'erased address', x.raw, now(), now() FROM erased x
    ), upserted AS (
      INSERT INTO ${contacts} AS c (email, first_name, last_name, phone, company, attributes, status, source, consent_at, consent_text, created_at, updated_at)
      SELECT email, first_name, last_name, phone, company, attributes, 'active', ${settings.consentSource ?? 'import'}::text,
        ${consentAt}::timestamptz, ${settings.consentText}::text, now(), now()
      FROM input i WHERE NOT EXISTS (SELECT 1 FROM erased x WHERE x."row" = i."row") ORDER BY email
      ${conflict}
      RETURNING c.id, c.status, (xmax = 0) AS inserted
    ), subscribed AS (
      INSERT INTO ${tableOf(payload, slugs.subscriptions)} (contact_id, list_id, status, pending_at, subscribed_at, created_at, updated_at)
      SELECT u.id, l.id, ${settings.listStatus}::enum_em_subscription_status,
        CASE WHEN ${settings.listStatus}::text = 'pending' THEN now() END, CASE WHEN ${settings.listStatus}::text = 'subscribed' THEN now() END, now(), now()
      FROM upserted u CROSS JOIN unnest(${arrayParam(settings.listIds)}::int[]) AS l(id)
      WHERE u.status = 'active'
      ON CONFLICT (contact_id, list_id) DO NOTHING
      RETURNING contact_id, list_id
    ), tagged AS (
      INSERT INTO ${contactRels} ("order", parent_id, path, ${tagColumn})
      -- "order" + 0 keeps the planner on the parent_id index instead of scanning the order index backwards
      SELECT t.ord + (SELECT COALESCE(max(r."order" + 0), 0) FROM ${contactRels} r WHERE r.parent_id = u.id), u.id, 'tags', t.id
      FROM upserted u CROSS JOIN unnest(${arrayParam(settings.tagIds)}::int[]) WITH ORDINALITY AS t(id, ord)
      WHERE NOT EXISTS (
        -- "+ 0" and "|| ''" leave only the parent_id index usable: any other is a scan over every tagged contact
        SELECT 1 FROM ${contactRels} r WHERE r.parent_id = u.id AND r.path || '' = 'tags' AND r.${tagColumn} + 0 = t.id)
      RETURNING parent_id, ${tagColumn} AS tag_id
    ), job AS (
      UPDATE ${jobs} SET
        rows_read = ${chunk.toCheckpoint},
        bytes_read = ${chunk.bytesRead},
        inserted = inserted + (SELECT count(*) FROM upserted WHERE inserted),
        updated = updated + (SELECT count(*) FROM upserted WHERE NOT inserted),
        skipped = skipped + ${chunk.accepted.length}::int - (SELECT count(*) FROM erased) - (SELECT count(*) FROM upserted),
        rejected = rejected + ${chunk.rejected.length}::int + (SELECT count(*) FROM erased),
        checkpoint = ${chunk.toCheckpoint},
        lease_until = now() + make_interval(secs => ${imports.leaseSeconds}),
        updated_at = now()
      WHERE id = ${settings.id} AND status = 'running' AND checkpoint = ${chunk.fromCheckpoint}
      RETURNING id
    )
    SELECT (SELECT count(*)::int FROM job) AS job_updated,
      (SELECT COALESCE(json_agg(json_build_array(contact_id, list_id)), '[]') FROM subscribed) AS subscriptions,
      (SELECT COALESCE(json_agg(json_build_array(parent_id, tag_id)), '[]') FROM tagged) AS tags`
  return payload.db.drizzle.transaction(async (tx) => {
    const [result] = rowsOf<{
      job_updated: number
      subscriptions: [number, number][]
      tags: [number, number][]
    }>(await tx.execute(statement))
    if (result.job_updated !== 1) {
      throw new ImportLostError(
        `Import ${settings.id} is no longer running from row ${chunk.fromCheckpoint} in this worker.`,
      )
    }
    const written: ChunkResult = {
      newSubscriptions:
        settings.listStatus === 'subscribed'
          ? result.subscriptions.map(([contactId, listId]) => ({ contactId, listId }))
          : [],
      newTags: result.tags.map(([contactId, tagId]) => ({ contactId, tagId })),
    }
    if (settings.recordEvents) {
      await recordContactEvents(payload, tx as unknown as Payload['db']['drizzle'], [
        ...written.newSubscriptions.map((fact) => ({ ...fact, type: 'list.subscribed' as const })),
        ...written.newTags.map((fact) => ({ ...fact, type: 'tag.added' as const })),
      ])
    }
    return written
  })
}
