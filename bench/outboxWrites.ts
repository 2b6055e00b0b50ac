import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { claimMessages, claimPlanSettings } from '../src/sending/claimMessages'
import { campaignCountDeltasTable } from '../src/sending/counters/campaignCountTables'
import { recordOutcomes } from '../src/sending/recordOutcomes'
import { arrayParam, rowsOf } from '../src/utilities/db'
import { bootBenchApp } from './support/bootBenchApp'

/**
 * Ways to store a campaign's outbox rows, set up on the plugin's own tables: how a batch is
 * claimed and answered (`path`), indexes to drop (put back afterwards from their saved
 * definitions, like the history bench's seeding does) and statements to run before and after.
 * - `update`: the outbox's rows (every email but campaign ones, and campaign emails before they
 *   were leased): rows inserted `queued` at fan-out, claimed, then answered.
 * - `insertAtClaim`: recipients in a narrow table; the claim moves them into the outbox as
 *   `sending`, answered like `update`'s.
 * - `lockedClaim`: `update`'s fan-out; the claim only locks its rows, in a transaction held open
 *   until the answer is written, and records the batch in a lease row committed on another
 *   connection before the call (naming the claiming backend, so a crash leaves it behind).
 * - `rowAtResult`: recipients in a narrow table; the claim leases a batch in one row (with
 *   message ids drawn from the outbox's sequence, for Postmark's metadata), and each email's only
 *   row is inserted once Postmark has answered, as it ends. How campaigns send now
 *   (src/sending/recipients), measured here on its own.
 */
type Variant = {
  drop: string[]
  name: string
  path: 'insertAtClaim' | 'lockedClaim' | 'rowAtResult' | 'update'
  prepare: string[]
  undo: string[]
}

const recipientsTable = [
  'CREATE TABLE bench_recipients (campaign_id int NOT NULL, contact_id int NOT NULL, variant int NOT NULL DEFAULT 0, PRIMARY KEY (campaign_id, contact_id))',
]
const batchesTable = [
  ...recipientsTable,
  'CREATE TABLE bench_batches (id serial PRIMARY KEY, campaign_id int NOT NULL, contact_ids int[] NOT NULL, message_ids int[] NOT NULL, lease_until timestamptz NOT NULL)',
]
const dropBatches = ['DROP TABLE bench_batches', 'DROP TABLE bench_recipients']

const variants: Variant[] = [
  { drop: [], name: 'threeVersions', path: 'update', prepare: [], undo: [] },
  {
    drop: ['messages_created_at_idx', 'messages_campaign_state_idx'],
    name: 'fewerIndexes',
    path: 'update',
    prepare: [
      `CREATE INDEX messages_campaign_pending_idx ON messages (campaign_id) WHERE status IN ('queued', 'sending', 'held')`,
    ],
    undo: ['DROP INDEX messages_campaign_pending_idx'],
  },
  {
    drop: [],
    name: 'insertAtClaim',
    path: 'insertAtClaim',
    prepare: recipientsTable,
    undo: ['DROP TABLE bench_recipients'],
  },
  {
    drop: [],
    name: 'lockedClaim',
    path: 'lockedClaim',
    prepare: [
      'CREATE TABLE bench_leases (id serial PRIMARY KEY, message_ids int[] NOT NULL, backend_pid int NOT NULL, lease_until timestamptz NOT NULL)',
    ],
    undo: ['DROP TABLE bench_leases'],
  },
  { drop: [], name: 'rowAtResult', path: 'rowAtResult', prepare: batchesTable, undo: dropBatches },
  {
    // `campaign_id` lookups can use `(campaign_id, status)`; the admin's list can sort by id.
    drop: ['messages_created_at_idx', 'messages_campaign_idx'],
    name: 'rowAtResultLeaner',
    path: 'rowAtResult',
    prepare: batchesTable,
    undo: dropBatches,
  },
]

/** Drops the variant's indexes and runs its set-up; returns what puts everything back. */
const setUp = async (payload: Payload, variant: Variant) => {
  const db = payload.db.drizzle
  const dropped = rowsOf<{ indexdef: string }>(
    await db.execute(sql`
      SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname = ANY(${arrayParam(variant.drop)}::text[])`),
  )
  if (dropped.length !== variant.drop.length) {
    throw new Error(`${variant.name}: expected the indexes ${variant.drop.join(', ')}.`)
  }
  for (const index of variant.drop) await db.execute(sql.raw(`DROP INDEX "${index}"`))
  for (const statement of variant.prepare) await db.execute(sql.raw(statement))
  return async () => {
    for (const statement of variant.undo) await db.execute(sql.raw(statement))
    for (const { indexdef } of dropped) await db.execute(sql.raw(indexdef))
  }
}

const columns =
  sql.raw(`kind, status, stream, contact_id, campaign_id, variant, to_address, from_address, from_name, subject,
  metadata, dedupe_key, priority, attempts, next_attempt_at, events_open_count, events_click_count, created_at, updated_at`)

const walPosition = async (payload: Payload) =>
  rowsOf<{ at: string }>(
    await payload.db.drizzle.execute(sql`SELECT pg_current_wal_lsn()::text AS at`),
  )[0].at

const walBytesSince = async (payload: Payload, from: string) =>
  Number(
    rowsOf<{ bytes: string }>(
      await payload.db.drizzle.execute(
        sql`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), ${from}::pg_lsn)::text AS bytes`,
      ),
    )[0].bytes,
  )

/** The three writes of `n` campaign emails (fan-out, claims of 500, results of 500) in one variant. */
const writeCampaign = async (
  payload: Payload,
  { name: variant, path }: Variant,
  campaign: number,
  n: number,
) => {
  const db = payload.db.drizzle
  const phases: Record<
    string,
    { claimMs?: number; ms: number; resultsMs?: number; walBytesPerMessage: number }
  > = {}
  const phase = async (name: string, work: () => Promise<void>) => {
    const wal = await walPosition(payload)
    const started = performance.now()
    await work()
    phases[name] = {
      ms: Math.round(performance.now() - started),
      walBytesPerMessage: Math.round((await walBytesSince(payload, wal)) / n),
    }
  }
  await phase('fanOut', async () => {
    for (let last = 0; ; ) {
      const chunk = rowsOf<{ last: null | number }>(
        await db.execute(
          path === 'insertAtClaim' || path === 'rowAtResult'
            ? sql`WITH c AS (SELECT id FROM contacts WHERE id > ${last} ORDER BY id LIMIT 5000),
                i AS (INSERT INTO bench_recipients (campaign_id, contact_id) SELECT ${campaign}, id FROM c ON CONFLICT DO NOTHING)
              SELECT max(id) AS last FROM c`
            : sql`WITH c AS (SELECT id, email FROM contacts WHERE id > ${last} ORDER BY id LIMIT 5000),
                i AS (INSERT INTO messages (${columns})
                  SELECT 'campaign', 'queued', 'broadcast', id, ${campaign}, 0, email, 'news@example.com', 'News', NULL,
                    jsonb_build_object('campaignId', ${String(campaign)}::text), 'campaign:' || ${campaign}::int || ':' || id, 1, 0, now(), 0, 0, now(), now()
                  FROM c ON CONFLICT (dedupe_key) DO NOTHING)
              SELECT max(id) AS last FROM c`,
        ),
      )[0].last
      if (chunk === null) break
      last = chunk
    }
  })
  // Today's layout claims and answers through the outbox's own code; `insertAtClaim` claims by
  // moving recipients into the outbox, then is answered by the same code.
  const claimAtInsert = sql`
    WITH r AS (
      DELETE FROM bench_recipients WHERE ctid = ANY(ARRAY(
        SELECT ctid FROM bench_recipients WHERE campaign_id = ${campaign} ORDER BY campaign_id, contact_id LIMIT 500 FOR UPDATE SKIP LOCKED))
      RETURNING contact_id, variant)
    INSERT INTO messages (${columns}, claimed_at, lease_until)
    SELECT 'campaign', 'sending', 'broadcast', k.id, ${campaign}, r.variant, k.email, 'news@example.com', 'News', NULL,
      jsonb_build_object('campaignId', ${String(campaign)}::text), 'campaign:' || ${campaign}::int || ':' || k.id, 1, 1, now(), 0, 0,
      now(), now(), now(), now() + interval '120 seconds'
    FROM r JOIN contacts k ON k.id = r.contact_id
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`
  // `rowAtResult` leases a batch of recipients in one row and writes each email's only version
  // once Postmark has answered: the row as it ends, with its Postmark id and counter deltas.
  const leaseBatch = sql`
    WITH r AS (
      DELETE FROM bench_recipients WHERE ctid = ANY(ARRAY(
        SELECT ctid FROM bench_recipients WHERE campaign_id = ${campaign} ORDER BY campaign_id, contact_id LIMIT 500 FOR UPDATE SKIP LOCKED))
      RETURNING contact_id)
    INSERT INTO bench_batches (campaign_id, contact_ids, message_ids, lease_until)
    SELECT ${campaign}, array_agg(contact_id ORDER BY contact_id), array_agg(nextval('messages_id_seq')::int ORDER BY contact_id), now() + interval '120 seconds'
    FROM r HAVING count(*) > 0
    RETURNING id, contact_ids AS "contactIds", message_ids AS "messageIds"`
  type Batch = { contactIds: number[]; id: number; messageIds: number[] }
  const recordBatch = (batch: Batch) => sql`
    WITH b AS (DELETE FROM bench_batches WHERE id = ${batch.id}),
    i AS (INSERT INTO messages (id, ${columns}, postmark_message_id, sent_at)
      SELECT r.id, 'campaign', 'sent', 'broadcast', k.id, ${campaign}, 0, k.email, 'news@example.com', 'News', NULL,
        jsonb_build_object('campaignId', ${String(campaign)}::text), 'campaign:' || ${campaign}::int || ':' || k.id, 1, 1, now(), 0, 0,
        now(), now(), r.id || '-0000-4000-8000-000000000000', now()
      FROM unnest(${arrayParam(batch.messageIds)}::int[], ${arrayParam(batch.contactIds)}::int[]) AS r(id, contact_id)
      JOIN contacts k ON k.id = r.contact_id
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING campaign_id, sent_at)
    INSERT INTO ${campaignCountDeltasTable(payload.db)} (campaign_id, variant, recipients, sent, first_sent_at)
    SELECT campaign_id, 0, count(*), count(*), min(sent_at) FROM i GROUP BY campaign_id`
  // `lockedClaim` takes due rows as `update`'s claim does, but only locks them; while a lease row
  // names a backend that is gone (its sender crashed mid-call), nothing is claimed until the
  // reconciler has settled that batch.
  const lockDue = sql`
    SELECT m.id, pg_backend_pid() AS pid FROM messages m
    WHERE m.status = 'queued' AND m.next_attempt_at <= now()
      AND NOT EXISTS (SELECT 1 FROM bench_leases l WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = l.backend_pid))
    ORDER BY m.priority, m.next_attempt_at, m.id LIMIT 500
    FOR NO KEY UPDATE OF m SKIP LOCKED`
  const answerLocked = (ids: number[], lease: number) => sql`
    WITH l AS (DELETE FROM bench_leases WHERE id = ${lease}),
    u AS (UPDATE messages m SET status = 'sent', postmark_message_id = m.id || '-0000-4000-8000-000000000000', sent_at = now(),
        attempts = m.attempts + 1, claimed_at = now(), updated_at = now()
      WHERE m.id = ANY(${arrayParam(ids)}::int[]) AND m.status = 'queued'
      RETURNING m.campaign_id, m.sent_at)
    INSERT INTO ${campaignCountDeltasTable(payload.db)} (campaign_id, variant, pending, sent, first_sent_at)
    SELECT campaign_id, 0, -count(*), count(*), min(sent_at) FROM u GROUP BY campaign_id`
  const claimLocked = async () => {
    let answer = () => {}
    const answered = new Promise<void>((resolve) => (answer = resolve))
    let locked: (ids: number[]) => void = () => {}
    const claimed = new Promise<number[]>((resolve) => (locked = resolve))
    const done = db.transaction(async (tx) => {
      await tx.execute(claimPlanSettings)
      const rows = rowsOf<{ id: number; pid: number }>(await tx.execute(lockDue))
      if (rows.length === 0) return
      const ids = rows.map((row) => row.id)
      const [{ id: lease }] = rowsOf<{ id: number }>(
        await db.execute(sql`
          INSERT INTO bench_leases (message_ids, backend_pid, lease_until)
          VALUES (${arrayParam(ids)}::int[], ${rows[0].pid}, now() + interval '120 seconds') RETURNING id`),
      )
      locked(ids)
      await answered
      await tx.execute(answerLocked(ids, lease))
    })
    const ids = await Promise.race([claimed, done.then(() => [] as number[])])
    return ids.length > 0
      ? async () => {
          answer()
          await done
        }
      : null
  }
  // One batch at a time, answered before the next claim, as one sending lane does: only one batch
  // is ever in flight, so each statement works on the rows a sender would have.
  const claimBatch = async (): Promise<(() => Promise<unknown>) | null> => {
    if (path === 'lockedClaim') return claimLocked()
    if (path === 'rowAtResult') {
      const [batch] = await db.transaction(async (tx) => {
        await tx.execute(claimPlanSettings)
        return rowsOf<Batch>(await tx.execute(leaseBatch))
      })
      return batch ? () => db.execute(recordBatch(batch)) : null
    }
    const ids =
      path === 'insertAtClaim'
        ? await db.transaction(async (tx) => {
            await tx.execute(claimPlanSettings)
            return rowsOf<{ id: number }>(await tx.execute(claimAtInsert)).map((row) => row.id)
          })
        : (await claimMessages(payload, { limit: 500, now: new Date() })).map((row) => row.id)
    return ids.length > 0 ? () => answerBatch(ids) : null
  }
  const answerBatch = (ids: number[]) =>
    recordOutcomes(
      payload,
      ids.map((id) => ({
        id,
        postmarkMessageId: `${id}-0000-4000-8000-000000000000`,
        status: 'accepted' as const,
      })),
      { captured: false, now: new Date() },
    )
  const timing = { claim: 0, results: 0 }
  await phase('sending', async () => {
    for (;;) {
      let started = performance.now()
      const answer = await claimBatch()
      timing.claim += performance.now() - started
      if (!answer) break
      started = performance.now()
      await answer()
      timing.results += performance.now() - started
    }
  })
  phases.sending = {
    ...phases.sending,
    claimMs: Math.round(timing.claim),
    resultsMs: Math.round(timing.results),
  }
  const sent = rowsOf<{ sent: number }>(
    await db.execute(sql`SELECT count(*)::int AS sent FROM messages WHERE status = 'sent'`),
  )[0].sent
  if (sent !== n) throw new Error(`${variant}: ${sent} rows sent, expected ${n}.`)
  const total = Object.values(phases)
  return {
    ...phases,
    ms: total.reduce((sum, part) => sum + part.ms, 0),
    walBytesPerMessage: total.reduce((sum, part) => sum + part.walBytesPerMessage, 0),
  }
}

/**
 * `npm run bench -- outboxWrites --n 100000`: Postgres's side of a campaign alone, in each way of
 * storing it (variants above), on the plugin's own tables: the fan-out, claims of 500 and their
 * results, with the time and WAL of each, twice per variant in turn. No sending process runs, so
 * the figures are what each layout costs Postgres per email.
 */
export const run = async ({ n }: { n: number }) => {
  const { payload, shutdown } = await bootBenchApp('outbox-writes')
  try {
    const db = payload.db.drizzle
    await db.execute(sql`
      INSERT INTO contacts (email, first_name, status, attributes, created_at, updated_at)
      SELECT 'reader' || i || '@example.com', 'Reader' || i, 'active', '{}'::jsonb, now(), now() FROM generate_series(1, ${n}) AS i`)
    const [{ id: campaign }] = rowsOf<{ id: number }>(
      await db.execute(sql`
        INSERT INTO campaigns (name, subject, status, created_at, updated_at) VALUES ('Bench', 'News', 'sending', now(), now()) RETURNING id`),
    )
    await db.execute(sql`VACUUM ANALYZE`)
    const runs: Record<string, unknown[]> = {}
    for (let round = 0; round < 2; round++) {
      for (const variant of variants) {
        const tearDown = await setUp(payload, variant)
        await db.execute(sql`CHECKPOINT`)
        ;(runs[variant.name] ??= []).push(await writeCampaign(payload, variant, campaign, n))
        await db.execute(sql`TRUNCATE messages CASCADE`)
        await tearDown()
      }
    }
    return { bench: 'outboxWrites', n, ...runs }
  } finally {
    await shutdown()
  }
}
