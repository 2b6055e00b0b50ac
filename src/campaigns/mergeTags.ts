import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf, tableOf } from '../utilities/db.js'

export type MergeTag = { group: 'campaign' | 'contact' | 'links'; label: string; liquid: string }

const contactFields: [string, string][] = [
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['email', 'Email'],
  ['company', 'Company'],
  ['phone', 'Phone'],
]

/** How many recent contacts are read for attribute keys: enough to find them, bounded on big lists. */
const sampledContacts = 5000

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/

/** `contact.attributes.plan`, or the bracket form for keys Liquid cannot read with a dot. */
const attributePath = (key: string): string =>
  identifier.test(key) ? `contact.attributes.${key}` : `contact.attributes[${JSON.stringify(key)}]`

/** The custom attribute keys contacts carry, from the most recent contacts. */
export const attributeKeys = async (payload: Payload): Promise<string[]> => {
  const contacts = tableOf(payload, pluginOptionsOf(payload).slugs.contacts)
  return rowsOf<{ key: string }>(
    await payload.db.drizzle.execute(sql`
      SELECT DISTINCT key FROM (
        SELECT attributes FROM ${contacts}
        WHERE jsonb_typeof(attributes) = 'object' ORDER BY id DESC LIMIT ${sampledContacts}
      ) recent, jsonb_object_keys(recent.attributes) AS key
      ORDER BY key LIMIT 200`),
  ).map((row) => row.key)
}

/**
 * The merge tags a campaign's subject, preheader and body can use: contact fields, the custom
 * attribute keys found in the data, the unsubscribe and preferences links, the campaign name.
 */
export const campaignMergeTags = async (payload: Payload): Promise<MergeTag[]> => [
  ...contactFields.map(([field, label]) => ({
    group: 'contact' as const,
    label,
    liquid: `{{ contact.${field} }}`,
  })),
  ...(await attributeKeys(payload)).map((key) => ({
    group: 'contact' as const,
    label: key,
    liquid: `{{ ${attributePath(key)} }}`,
  })),
  { group: 'links', label: 'Unsubscribe link', liquid: '{{ unsubscribe_url }}' },
  { group: 'links', label: 'Preferences link', liquid: '{{ preferences_url }}' },
  { group: 'campaign', label: 'Campaign name', liquid: '{{ campaign.name }}' },
]
