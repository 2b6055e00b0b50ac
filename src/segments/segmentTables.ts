import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../utilities/db.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { contactEngagementTable } from '../retention/contactEngagement.js'
import { columnOf, relsColumnOf, relsTableOf, tableOf } from '../utilities/tables.js'

/** The identifiers a compiled rule tree reads, resolved through the configured slugs. */
export interface SegmentTables {
  /** Expression for a message's campaign id as text (`campaign_id` or `metadata->>'campaignId'`). */
  campaignOf: (messageAlias: SQL) => SQL
  contacts: Identifier
  contactsRels: Identifier
  /** Per-contact engagement facts (see retention/contactEngagement.ts). */
  engagement: SQL
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
  if (!campaignField) return (alias: SQL) => sql`(${alias}.metadata->>'campaignId')::int`
  const column = columnOf(payload, messagesSlug, campaignField.name)
  return (alias: SQL) => sql`${alias}.${column}`
}

type Identifier = ReturnType<typeof sql.identifier>

const cache = new WeakMap<Payload, SegmentTables>()

export const segmentTablesOf = (payload: Payload): SegmentTables => {
  const cached = cache.get(payload)
  if (cached) return cached
  const { slugs } = pluginOptionsOf(payload)
  const tables: SegmentTables = {
    campaignOf: campaignExpression(payload, slugs.messages),
    contacts: tableOf(payload, slugs.contacts),
    contactsRels: relsTableOf(payload, slugs.contacts),
    engagement: contactEngagementTable(payload),
    messages: tableOf(payload, slugs.messages),
    subscriptions: tableOf(payload, slugs.subscriptions),
    tagsColumn: relsColumnOf(payload, slugs.contacts, slugs.tags),
  }
  cache.set(payload, tables)
  return tables
}
