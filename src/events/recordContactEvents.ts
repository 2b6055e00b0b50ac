import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { ContactEvent, RecordedContactEvent } from './contactEvents.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { drizzleFor, tableOf } from '../utilities/db.js'

type Drizzle = Payload['db']['drizzle']

/**
 * INSERTs facts into the automation events table through `db`: pass the transaction of the
 * change that caused them, so the fact commits with the change or not at all. A fact whose
 * `dedupeKey` is already there is skipped.
 */
export const recordContactEvents = async (
  payload: Payload,
  db: Drizzle,
  events: (ContactEvent | RecordedContactEvent)[],
): Promise<void> => {
  if (events.length === 0) return
  const rows = events.map((entry) => {
    const { dedupeKey, fact } = 'fact' in entry ? entry : { dedupeKey: undefined, fact: entry }
    return {
      contact_id: 'contactId' in fact ? fact.contactId : null,
      data: fact,
      dedupe_key: dedupeKey ?? null,
      type: fact.type,
    }
  })
  const table = tableOf(payload, pluginOptionsOf(payload).slugs.automationEvents)
  await db.execute(sql`
    INSERT INTO ${table} (type, contact_id, data, dedupe_key, created_at, updated_at)
    SELECT r.type, r.contact_id, r.data, r.dedupe_key, now(), now()
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(type text, contact_id int, data jsonb, dedupe_key text)
    ON CONFLICT (dedupe_key) DO NOTHING`)
}

/** Records facts in the request's transaction (collection hooks, Local API calls with `req`). */
export const recordContactEventsFor = async (
  req: Pick<PayloadRequest, 'payload' | 'transactionID'>,
  events: (ContactEvent | RecordedContactEvent)[],
): Promise<void> => {
  if (events.length === 0) return
  await recordContactEvents(req.payload, await drizzleFor(req), events)
}
