import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../../utilities/db.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf } from '../../utilities/db.js'
import { tableOf } from '../../utilities/tables.js'
import { filterCondition, type RecipientFilter } from './recipientEvents.js'

export type RecipientRow = {
  bouncedAt: null | string
  clickedAt: null | string
  clicks: number
  contactId: null | number
  deliveredAt: null | string
  email: string
  firstName: null | string
  lastName: null | string
  messageId: number
  openedAt: null | string
  opens: number
  sentAt: null | string
  status: string
  unsubscribedAt: null | string
}

/** The CSV's columns, in order. */
export const recipientColumns = [
  'email',
  'firstName',
  'lastName',
  'status',
  'sentAt',
  'deliveredAt',
  'openedAt',
  'opens',
  'clickedAt',
  'clicks',
  'bouncedAt',
  'unsubscribedAt',
  'contactId',
  'messageId',
] as const satisfies readonly (keyof RecipientRow)[]

const iso = (column: SQL) =>
  sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`

const selectRows = (payload: Payload, campaignId: number, filter: RecipientFilter, page: SQL) => {
  const { slugs } = pluginOptionsOf(payload)
  const subscriptions = tableOf(payload, slugs.subscriptions)
  return sql`
    SELECT m.id AS "messageId", m.contact_id AS "contactId", m.to_address AS email, c.first_name AS "firstName",
      c.last_name AS "lastName", m.status::text AS status, ${iso(sql`m.sent_at`)} AS "sentAt",
      ${iso(sql`m.events_delivered_at`)} AS "deliveredAt", ${iso(sql`m.events_opened_at`)} AS "openedAt",
      coalesce(m.events_open_count, 0)::int AS opens, ${iso(sql`m.events_clicked_at`)} AS "clickedAt",
      coalesce(m.events_click_count, 0)::int AS clicks, ${iso(sql`m.events_bounced_at`)} AS "bouncedAt",
      (SELECT ${iso(sql`max(s.unsubscribed_at)`)} FROM ${subscriptions} s WHERE s.contact_id = m.contact_id
        AND s.status = 'unsubscribed' AND m.sent_at IS NOT NULL AND s.unsubscribed_at >= m.sent_at) AS "unsubscribedAt"
    FROM ${tableOf(payload, slugs.messages)} m LEFT JOIN ${tableOf(payload, slugs.contacts)} c ON c.id = m.contact_id
    WHERE m.campaign_id = ${campaignId} AND ${filterCondition(payload, filter)} ${page}`
}

export type RecipientPage = {
  docs: RecipientRow[]
  limit: number
  page: number
  totalDocs: number
  totalPages: number
}

/** One page of the campaign's recipients that `filter` admits, in message order, with the total. */
export const recipientPage = async (
  payload: Payload,
  campaignId: number,
  { filter, limit, page }: { filter: RecipientFilter; limit: number; page: number },
): Promise<RecipientPage> => {
  const messages = tableOf(payload, pluginOptionsOf(payload).slugs.messages)
  const [{ total }] = rowsOf<{ total: number }>(
    await payload.db.drizzle.execute(sql`
      SELECT count(*)::int AS total FROM ${messages} m
      WHERE m.campaign_id = ${campaignId} AND ${filterCondition(payload, filter)}`),
  )
  const docs = rowsOf<RecipientRow>(
    await payload.db.drizzle.execute(
      selectRows(
        payload,
        campaignId,
        filter,
        sql`ORDER BY m.id LIMIT ${limit} OFFSET ${(page - 1) * limit}`,
      ),
    ),
  )
  return { docs, limit, page, totalDocs: total, totalPages: Math.max(1, Math.ceil(total / limit)) }
}

const exportPageSize = 1000

/** Every recipient `filter` admits, in keyset pages by message id, for the CSV export. */
export async function* recipientPages(
  payload: Payload,
  campaignId: number,
  filter: RecipientFilter,
): AsyncGenerator<RecipientRow[]> {
  let lastId = 0
  for (;;) {
    const rows = rowsOf<RecipientRow>(
      await payload.db.drizzle.execute(
        selectRows(
          payload,
          campaignId,
          filter,
          sql`AND m.id > ${lastId} ORDER BY m.id LIMIT ${exportPageSize}`,
        ),
      ),
    )
    if (rows.length === 0) return
    lastId = rows[rows.length - 1].messageId
    yield rows
  }
}
