import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SubscriptionStatus } from '../subscriptions/subscriptionStatuses.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf } from '../utilities/db.js'
import { likePattern } from '../utilities/likePattern.js'
import { tableOf } from '../utilities/tables.js'

export type ListMember = {
  consentAt: null | string
  contactId: number
  contactStatus: string
  email: string
  name: string
  pendingAt: null | string
  status: SubscriptionStatus
  subscribedAt: null | string
  unsubscribedAt: null | string
}

export type ListMembersPage = {
  docs: ListMember[]
  limit: number
  page: number
  totalDocs: number
  totalPages: number
}

export type ListMembersQuery = {
  limit: number
  page: number
  search?: string
  status?: SubscriptionStatus
}

const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`)

/** One page of a list's members, newest first, optionally by status and part of the email. */
export const listMembers = async (
  payload: Payload,
  listId: number,
  query: ListMembersQuery,
): Promise<ListMembersPage> => {
  const { slugs } = pluginOptionsOf(payload)
  const subscriptions = tableOf(payload, slugs.subscriptions)
  const contacts = tableOf(payload, slugs.contacts)
  const where = sql.join(
    [
      sql`s.list_id = ${listId}`,
      ...(query.status ? [sql`s.status = ${query.status}::enum_em_subscription_status`] : []),
      ...(query.search ? [sql`c.email ILIKE ${likePattern(query.search)}`] : []),
    ],
    sql` AND `,
  )
  const [{ total }] = rowsOf<{ total: number }>(
    await payload.db.drizzle.execute(sql`
      SELECT count(*)::int AS total FROM ${subscriptions} s JOIN ${contacts} c ON c.id = s.contact_id WHERE ${where}`),
  )
  const docs = rowsOf<ListMember>(
    await payload.db.drizzle.execute(sql`
      SELECT c.id AS "contactId", c.email, trim(concat_ws(' ', c.first_name, c.last_name)) AS name,
        c.status::text AS "contactStatus", s.status::text AS status,
        ${iso('s.subscribed_at')} AS "subscribedAt", ${iso('s.unsubscribed_at')} AS "unsubscribedAt",
        ${iso('s.pending_at')} AS "pendingAt", ${iso('c.consent_at')} AS "consentAt"
      FROM ${subscriptions} s JOIN ${contacts} c ON c.id = s.contact_id
      WHERE ${where}
      ORDER BY s.updated_at DESC, s.id DESC
      LIMIT ${query.limit} OFFSET ${(query.page - 1) * query.limit}`),
  )
  return {
    docs,
    limit: query.limit,
    page: query.page,
    totalDocs: total,
    totalPages: Math.max(1, Math.ceil(total / query.limit)),
  }
}
