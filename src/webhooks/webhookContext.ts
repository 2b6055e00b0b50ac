import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { ContactEvent } from '../events/contactEvents.js'
import type { MessageEventType } from './messageEventTypes.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { sendLeasesTable } from '../sending/recipients/recipientTables.js'
import { MessageNotWrittenError } from './MessageNotWrittenError.js'
import { webhookJson } from './webhookJson.js'
import { arrayParam, rowsOf, tableOf } from '../utilities/db.js'

type Drizzle = Payload['db']['drizzle']

export type WebhookMessage = { contactId: null | number; id: number }

/** What one handler needs: the transaction, the plugin's tables and the message the event is about. */
export type WebhookContext = {
  db: Drizzle
  payload: Payload
  tables: {
    contacts: ReturnType<typeof tableOf>
    events: ReturnType<typeof tableOf>
    messages: ReturnType<typeof tableOf>
    subscriptions: ReturnType<typeof tableOf>
  }
}

/** A handler's result: the automation facts it produced, recorded in its transaction. */
export type HandlerResult = {
  events: ContactEvent[]
  outcome: 'duplicate' | 'ignored' | 'recorded'
}

export const contextFor = (payload: Payload, db: Drizzle): WebhookContext => {
  const { slugs } = pluginOptionsOf(payload)
  return {
    db,
    payload,
    tables: {
      contacts: tableOf(payload, slugs.contacts),
      events: tableOf(payload, slugs.messageEvents),
      messages: tableOf(payload, slugs.messages),
      subscriptions: tableOf(payload, slugs.subscriptions),
    },
  }
}

/**
 * The message a webhook is about: by our own id in Metadata.messageId (set on every send), else by
 * Postmark's MessageID while the message's body is kept. The Postmark id index leaves a row when
 * retention prunes its body (see messageIndexes); the `body_pruned_at IS NULL` here is what lets
 * this lookup use that partial index.
 */
export const messageLookupStatement = (
  messages: WebhookContext['tables']['messages'],
  id: null | number,
  postmarkId: null | string,
) => sql`
  SELECT id, contact_id FROM ${messages}
  WHERE id = ${id}::int OR (${postmarkId}::text IS NOT NULL AND postmark_message_id = ${postmarkId}::text AND body_pruned_at IS NULL)
  ORDER BY (id = ${id}::int) DESC NULLS LAST LIMIT 1`

/**
 * Finds the message of a webhook (see messageLookupStatement). An event about a campaign email
 * whose row is not written yet (its send lease is still there) throws MessageNotWrittenError, so
 * Postmark retries it instead of it being dropped.
 */
export const findMessage = async (
  { db, payload, tables }: WebhookContext,
  { metadata, postmarkMessageId }: { metadata: unknown; postmarkMessageId: unknown },
): Promise<null | WebhookMessage> => {
  const ownId = (metadata as Record<string, unknown> | undefined)?.messageId
  const id = typeof ownId === 'string' && /^\d{1,9}$/.test(ownId) ? Number(ownId) : null
  const postmarkId =
    typeof postmarkMessageId === 'string' && postmarkMessageId ? postmarkMessageId : null
  if (id === null && postmarkId === null) return null
  const [row] = rowsOf<{ contact_id: null | number; id: number }>(
    await db.execute(messageLookupStatement(tables.messages, id, postmarkId)),
  )
  if (row) return { contactId: row.contact_id, id: row.id }
  if (id !== null && (await isLeased(payload, db, id))) throw new MessageNotWrittenError(id)
  return null
}

/** Whether `id` is an email of a send lease: Postmark has it, its outbox row comes with the results. */
const isLeased = async (payload: Payload, db: Drizzle, id: number): Promise<boolean> =>
  rowsOf(
    await db.execute(sql`
      SELECT 1 FROM ${sendLeasesTable(payload)} l
      WHERE ${id} = ANY(l.ids::int[]) LIMIT 1`),
  ).length > 0

export const findContactIdByEmail = async (
  { db, tables }: WebhookContext,
  email: unknown,
): Promise<null | number> => {
  if (typeof email !== 'string' || !email) return null
  const [row] = rowsOf<{ id: number }>(
    await db.execute(
      sql`SELECT id FROM ${tables.contacts} WHERE email = ${email.trim().toLowerCase()} LIMIT 1`,
    ),
  )
  return row?.id ?? null
}

/** Inserts the event row; false when its dedupe key is already there (the event was handled before). */
export const insertEvent = async (
  { db, tables }: WebhookContext,
  event: {
    contactId: null | number
    dedupeKey: string
    details: unknown
    messageId: null | number
    occurredAt: string
    recipient?: string
    type: MessageEventType
    url?: string
  },
): Promise<boolean> => {
  const inserted = rowsOf<{ id: number }>(
    await db.execute(sql`
      INSERT INTO ${tables.events} (type, message_id, contact_id, recipient, url, occurred_at, dedupe_key, details, created_at, updated_at)
      VALUES (${event.type}::enum_em_message_event_type, ${event.messageId}::int, ${event.contactId}::int, ${event.recipient ?? null},
        ${event.url ?? null}, ${event.occurredAt}::timestamptz, ${event.dedupeKey}, ${webhookJson(event.details)}::jsonb, now(), now())
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id
    `),
  )
  return inserted.length > 0
}

/** Unsubscribes the contact from every list it is on; returns the lists it left. */
export const unsubscribeFromAllLists = async (
  { db, tables }: WebhookContext,
  contactId: number,
): Promise<number[]> =>
  rowsOf<{ list_id: number }>(
    await db.execute(sql`
      UPDATE ${tables.subscriptions} SET status = 'unsubscribed', unsubscribed_at = now(), updated_at = now()
      WHERE contact_id = ${contactId} AND status <> 'unsubscribed'
      RETURNING list_id
    `),
  ).map((row) => row.list_id)

/**
 * Moves the contact to `status` unless it is already in a status at least as final. The row lock is
 * the one the UPDATE takes anyway (FOR NO KEY UPDATE): FOR UPDATE would wait on the key-share lock
 * every other webhook's event row holds on its contact, while holding this webhook's message row,
 * and a bounce and an open of one email arriving together deadlocked.
 */
export const setContactStatus = async (
  { db, tables }: WebhookContext,
  {
    contactId,
    reason,
    status,
    unless,
  }: { contactId: number; reason: string; status: string; unless: string[] },
): Promise<ContactEvent[]> => {
  const changed = rowsOf<{ previous: string }>(
    await db.execute(sql`
      WITH previous AS (SELECT id, status::text AS status FROM ${tables.contacts} WHERE id = ${contactId} FOR NO KEY UPDATE)
      UPDATE ${tables.contacts} c SET status = ${status}::enum_em_contact_status, status_reason = ${reason.slice(0, 500)}, updated_at = now()
      FROM previous p
      WHERE c.id = p.id AND NOT (p.status = ANY(${arrayParam(unless)}::text[]))
      RETURNING p.status AS previous
    `),
  )
  // Published like an edit in the admin, so "field changed" automations see bounces and complaints too.
  return changed
    .filter((row) => row.previous !== status)
    .map((row) => ({
      contactId,
      field: 'status',
      previousValue: row.previous,
      type: 'contact.fieldChanged' as const,
      value: status,
    }))
}
