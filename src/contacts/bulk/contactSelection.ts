import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../../utilities/db.js'

import { InvalidInputError } from '../../errors/InvalidInputError.js'
import { pluginOptionsOf } from '../../pluginContext.js'
import {
  subscriptionStatuses,
  type SubscriptionStatus,
} from '../../subscriptions/subscriptionStatuses.js'
import { arrayParam } from '../../utilities/db.js'
import { likePattern } from '../../utilities/likePattern.js'
import { relsColumnOf, relsTableOf, tableOf } from '../../utilities/tables.js'
import { contactStatuses, type ContactStatus } from '../contactStatuses.js'

export type ContactFilter = {
  list?: number
  /** With `list`: only members in this status; any status otherwise. */
  listStatus?: SubscriptionStatus
  /** Part of the email address, case-insensitive. */
  search?: string
  status?: ContactStatus
  tag?: number
}

/** Which contacts a bulk action works on: picked ids, or every contact a filter matches. */
export type ContactSelection = { ids: number[] } | { everyone: boolean; filter: ContactFilter }

/** Most ids one request may name; larger sets are a filter. */
export const maxSelectedIds = 10_000

const filterKeys = ['list', 'listStatus', 'search', 'status', 'tag'] as const

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const positiveId = (value: unknown, what: string): number => {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0)
    throw new InvalidInputError(
      `${what} must be a positive whole number, not ${JSON.stringify(value)}.`,
    )
  return id
}

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], what: string): T => {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw new InvalidInputError(`${what} must be one of ${allowed.join(', ')}.`)
  return value as T
}

const parseFilter = (value: unknown): ContactFilter => {
  if (!isObject(value)) throw new InvalidInputError('`filter` must be an object.')
  const unknown = Object.keys(value).filter(
    (key) => !(filterKeys as readonly string[]).includes(key),
  )
  if (unknown.length > 0)
    throw new InvalidInputError(
      `Unknown filter ${unknown.map((key) => `\`${key}\``).join(', ')}: filters are ${filterKeys.join(', ')}.`,
    )
  const present = (key: (typeof filterKeys)[number]) =>
    value[key] !== undefined && value[key] !== null && value[key] !== ''
  const filter: ContactFilter = {}
  if (present('list')) filter.list = positiveId(value.list, '`filter.list`')
  if (present('listStatus')) {
    if (filter.list === undefined)
      throw new InvalidInputError('`filter.listStatus` needs `filter.list`.')
    filter.listStatus = oneOf(value.listStatus, subscriptionStatuses, '`filter.listStatus`')
  }
  if (present('search')) {
    if (typeof value.search !== 'string' || value.search.trim().length > 254)
      throw new InvalidInputError('`filter.search` must be a string of at most 254 characters.')
    if (value.search.trim()) filter.search = value.search.trim()
  }
  if (present('status')) filter.status = oneOf(value.status, contactStatuses, '`filter.status`')
  if (present('tag')) filter.tag = positiveId(value.tag, '`filter.tag`')
  return filter
}

/**
 * Reads `selection` from a request body. Fails closed: an id list must name at least one contact,
 * and a filter with no criterion (every contact) is refused unless the caller says `everyone: true`.
 */
export const parseContactSelection = (value: unknown): ContactSelection => {
  if (!isObject(value))
    throw new InvalidInputError(
      '`selection` must be { "ids": [...] } or { "filter": { ... } } (add "everyone": true for every contact).',
    )
  if ('ids' in value) {
    if ('filter' in value)
      throw new InvalidInputError('`selection` takes `ids` or `filter`, not both.')
    if (!Array.isArray(value.ids) || value.ids.length === 0)
      throw new InvalidInputError('`selection.ids` must be a non-empty array of contact ids.')
    if (value.ids.length > maxSelectedIds)
      throw new InvalidInputError(
        `\`selection.ids\` names ${value.ids.length} contacts; more than ${maxSelectedIds} need a filter.`,
      )
    return { ids: [...new Set(value.ids.map((id) => positiveId(id, 'Each id')))] }
  }
  const filter = parseFilter(value.filter)
  const everyone = value.everyone === true
  if (Object.keys(filter).length === 0 && !everyone)
    throw new InvalidInputError(
      'The filter is empty, so it selects every contact: send "everyone": true to mean that.',
    )
  if (Object.keys(filter).length > 0 && everyone)
    throw new InvalidInputError('`everyone` cannot be combined with a filter.')
  return { everyone, filter }
}

/** The condition on contacts aliased `c` that the selection names. */
export const selectionCondition = (payload: Payload, selection: ContactSelection): SQL => {
  if ('ids' in selection) return sql`c.id = ANY(${arrayParam(selection.ids)}::int[])`
  const { slugs } = pluginOptionsOf(payload)
  const { filter } = selection
  const parts: SQL[] = [sql`TRUE`]
  if (filter.status) parts.push(sql`c.status = ${filter.status}::enum_em_contact_status`)
  if (filter.search) parts.push(sql`c.email ILIKE ${likePattern(filter.search)}`)
  if (filter.tag) {
    const rels = relsTableOf(payload, slugs.contacts)
    const tagColumn = relsColumnOf(payload, slugs.contacts, slugs.tags)
    parts.push(
      sql`EXISTS (SELECT 1 FROM ${rels} r WHERE r.parent_id = c.id AND r.path = 'tags' AND r.${tagColumn} = ${filter.tag})`,
    )
  }
  if (filter.list) {
    const status = filter.listStatus
      ? sql`AND s.status = ${filter.listStatus}::enum_em_subscription_status`
      : sql``
    parts.push(
      sql`EXISTS (SELECT 1 FROM ${tableOf(payload, slugs.subscriptions)} s WHERE s.contact_id = c.id AND s.list_id = ${filter.list} ${status})`,
    )
  }
  return sql.join(parts, sql` AND `)
}

/** How many contacts the selection names right now: the number a confirm step shows. */
export const countSelection = async (payload: Payload, selection: ContactSelection) => {
  const contacts = tableOf(payload, pluginOptionsOf(payload).slugs.contacts)
  const result = (await payload.db.drizzle.execute(
    sql`SELECT count(*)::int AS count FROM ${contacts} c WHERE ${selectionCondition(payload, selection)}`,
  )) as unknown as { rows: { count: number }[] }
  return result.rows[0].count
}
