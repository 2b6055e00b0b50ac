import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../utilities/db.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { tableOf } from '../utilities/db.js'

const snake = (value: string): string =>
  value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^a-zA-Z0-9]+/g, '_')
    .toLowerCase()

/** The identifiers a compiled rule tree reads, resolved through the configured slugs. */
export interface SegmentTables {
  /** Expression for a message's campaign id as text (`campaign_id` or `metadata->>'campaignId'`). */
  campaignOf: (messageAlias: SQL) => SQL
  contacts: Identifier
  contactsRels: Identifier
  messages: Identifier
  subscriptions: Identifier
  tagsColumn: Identifier
}

/**
 * Messages carry their campaign in a `campaign` relationship (column `campaign_id`) once the
 * campaigns feature adds it; before that, in `metadata.campaignId`.
 */
const campaignExpression = (payload: Payload, messagesSlug: string) => {
  const collection = (
    payload.collections as Record<
      string,
      (typeof payload.collections)[keyof typeof payload.collections] | undefined
    >
  )[messagesSlug]
  const fields: { name: string; type: string }[] = collection?.config.flattenedFields ?? []
  const campaignField = fields.find(
    (field) =>
      (field.name === 'campaign' && field.type === 'relationship') ||
      (field.name === 'campaignId' && field.type === 'number'),
  )
  return campaignField
    ? (alias: SQL) => sql`${alias}.campaign_id`
    : (alias: SQL) => sql`(${alias}.metadata->>'campaignId')::int`
}

type Identifier = ReturnType<typeof sql.identifier>

const cache = new WeakMap<Payload, SegmentTables>()

export const segmentTablesOf = (payload: Payload): SegmentTables => {
  const cached = cache.get(payload)
  if (cached) return cached
  const { slugs } = pluginOptionsOf(payload)
  const contactsName = payload.db.tableNameMap.get(snake(slugs.contacts))
  const tables: SegmentTables = {
    campaignOf: campaignExpression(payload, slugs.messages),
    contacts: tableOf(payload, slugs.contacts),
    contactsRels: sql.identifier(`${contactsName}_rels`),
    messages: tableOf(payload, slugs.messages),
    subscriptions: tableOf(payload, slugs.subscriptions),
    tagsColumn: sql.identifier(`${snake(slugs.tags)}_id`),
  }
  cache.set(payload, tables)
  return tables
}
