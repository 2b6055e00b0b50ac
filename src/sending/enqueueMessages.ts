import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { randomUUID } from 'node:crypto'

import type { OutboxMessageInput } from './outboxTypes.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf, tableOf } from '../utilities/db.js'
import { priorityOf } from './messageStatuses.js'

export type EnqueuedMessage = { duplicate: boolean; id: number }

type Drizzle = Payload['db']['drizzle']

/**
 * Puts messages in the outbox in one INSERT. A message whose dedupe key is already there is not
 * inserted again; its existing id comes back with `duplicate: true`. Messages without a key get a
 * random one, so every row can be matched to its input. Pass `db` to write inside an open transaction.
 */
export const enqueueMessages = async (
  payload: Payload,
  inputs: OutboxMessageInput[],
  { db = payload.db.drizzle }: { db?: Drizzle } = {},
): Promise<EnqueuedMessage[]> => {
  if (inputs.length === 0) return []
  const options = pluginOptionsOf(payload)
  const messages = tableOf(payload, options.slugs.messages)
  const rows = inputs.map((input, index) => ({
    attachments: input.attachments ?? null,
    bcc: input.bcc ?? null,
    cc: input.cc ?? null,
    contact_id: input.contact ?? null,
    dedupe_key: input.dedupeKey ?? `auto:${randomUUID()}`,
    from_address: input.from?.address ?? options.sending.from.address,
    from_name: input.from ? (input.from.name ?? null) : options.sending.from.name,
    headers: input.headers ?? null,
    html: input.html ?? null,
    kind: input.kind,
    metadata: input.metadata ?? null,
    next_attempt_at: (input.notBefore ?? new Date()).toISOString(),
    ord: index,
    priority: priorityOf(input.kind),
    reply_to: input.replyTo ?? null,
    stream:
      input.stream ??
      (input.kind === 'campaign'
        ? options.postmark.broadcastStream
        : options.postmark.transactionalStream),
    subject: input.subject ?? null,
    tag: input.tag ?? null,
    template_alias: input.templateAlias ?? null,
    template_model: input.templateModel ?? null,
    text: input.text ?? null,
    to_address: input.to.trim(),
  }))
  const result = rowsOf<{ duplicate: boolean; id: number }>(
    await db.execute(sql`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
          ord int, kind text, stream text, contact_id int, to_address text, cc text, bcc text,
          from_address text, from_name text, reply_to text, subject text, html text, text text,
          template_alias text, template_model jsonb, tag text, metadata jsonb, headers jsonb,
          attachments jsonb, dedupe_key text, priority int, next_attempt_at timestamptz)
      ), written AS (
        INSERT INTO ${messages} (kind, status, stream, contact_id, to_address, cc, bcc, from_address, from_name,
          reply_to, subject, html, text, template_alias, template_model, tag, metadata, headers, attachments,
          dedupe_key, priority, attempts, next_attempt_at, events_open_count, events_click_count, created_at, updated_at)
        SELECT kind::enum_em_message_kind, 'queued', stream, contact_id, to_address, cc, bcc, from_address, from_name,
          reply_to, subject, html, text, template_alias, template_model, tag, metadata, headers, attachments,
          dedupe_key, priority, 0, next_attempt_at, 0, 0, now(), now()
        FROM input ORDER BY ord
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING id, dedupe_key
      )
      SELECT input.ord, COALESCE(written.id, existing.id) AS id, written.id IS NULL AS duplicate
      FROM input
      LEFT JOIN written ON written.dedupe_key = input.dedupe_key
      LEFT JOIN ${messages} existing ON written.id IS NULL AND existing.dedupe_key = input.dedupe_key
      ORDER BY input.ord
    `),
  )
  return result.map((row) => ({ duplicate: row.duplicate, id: row.id }))
}

export const enqueueMessage = async (
  payload: Payload,
  input: OutboxMessageInput,
  args?: { db?: Drizzle },
): Promise<EnqueuedMessage> => (await enqueueMessages(payload, [input], args))[0]
