import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { ContactEvent } from '../../src/events/contactEvents'

import { rowsOf } from '../../src/utilities/db'
import { tables } from './slugs'

/** The id of the newest automation event row (0 when none): pass it to `recordedEvents` later. */
export const eventMark = async (payload: Payload): Promise<number> =>
  rowsOf<{ id: number }>(
    await payload.db.drizzle.execute(
      sql`SELECT COALESCE(max(id), 0)::int AS id FROM ${tables.automationEvents}`,
    ),
  )[0].id

/** The automation facts recorded after `since` (an `eventMark`), oldest first. */
export const recordedEvents = async (payload: Payload, since = 0): Promise<ContactEvent[]> =>
  rowsOf<{ data: ContactEvent }>(
    await payload.db.drizzle.execute(
      sql`SELECT data FROM ${tables.automationEvents} WHERE id > ${since} ORDER BY id`,
    ),
  ).map((row) => row.data)
