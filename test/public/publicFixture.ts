import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { rowsOf } from '../../src/utilities/db'
import { slugs, tableNames } from '../helpers/slugs'

export const webhookCredentials = { password: 'webhook-test-password', username: 'postmark-test' }

export const basicAuth = ({ password, username }: { password: string; username: string }): string =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`

const checkedTables = (
  ['contacts', 'subscriptions', 'messages', 'messageEvents', 'lists'] as const
).map((key) => tableNames[key])

/** Row count and a checksum of every row (updated_at included) of the tables public requests could touch. */
export const stateOf = async (payload: Payload): Promise<Record<string, string>> => {
  const state: Record<string, string> = {}
  for (const table of checkedTables) {
    const [row] = rowsOf<{ checksum: null | string; count: number }>(
      await payload.db.drizzle.execute(
        sql`SELECT count(*)::int AS count, md5(string_agg(t::text, '|' ORDER BY t.id)) AS checksum FROM ${sql.identifier(table)} t`,
      ),
    )
    state[table] = `${row!.count}:${row!.checksum ?? ''}`
  }
  return state
}

export const createList = async (
  payload: Payload,
  data: { doubleOptIn: boolean; name: string; public: boolean; slug: string },
) => (await payload.create({ collection: slugs.lists, data })) as unknown as { id: number }

export const createContact = async (payload: Payload, email: string, listIds: number[] = []) => {
  const contact = (await payload.create({
    collection: slugs.contacts,
    data: { email },
  })) as unknown as { id: number }
  for (const list of listIds)
    await payload.create({
      collection: slugs.subscriptions,
      data: { contact: contact.id, list, status: 'subscribed' },
    })
  return contact
}

export const subscriptionStatus = async (
  payload: Payload,
  contactId: number,
  listId: number,
): Promise<string | undefined> => {
  const found = await payload.find({
    collection: slugs.subscriptions,
    where: { and: [{ contact: { equals: contactId } }, { list: { equals: listId } }] },
  })
  return (found.docs[0] as undefined | { status: string })?.status
}

export const formBody = (fields: Record<string, string | string[]>): string => {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(fields))
    for (const item of [value].flat()) params.append(key, item)
  return params.toString()
}
