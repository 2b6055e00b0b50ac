import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { ColumnMapping } from './columnMapping.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { arrayParam, rowsOf } from '../utilities/db.js'
import { columnOf, tableOf } from '../utilities/tables.js'

const attributePrefix = 'attributes.'

/** Top-level attribute keys contacts already use that equal one of `names` ignoring case. */
const existingKeys = async (payload: Payload, names: string[]): Promise<Map<string, string>> => {
  if (names.length === 0) return new Map()
  const { contacts } = pluginOptionsOf(payload).slugs
  const attributes = columnOf(payload, contacts, 'attributes')
  const rows = rowsOf<{ key: string }>(
    await payload.db.drizzle.execute(sql`
      SELECT DISTINCT ON (lower(key)) key
      FROM ${tableOf(payload, contacts)} c,
        jsonb_object_keys(CASE WHEN jsonb_typeof(c.${attributes}) = 'object' THEN c.${attributes} ELSE '{}'::jsonb END) AS key
      WHERE lower(key) = ANY(${arrayParam(names.map((name) => name.toLowerCase()))}::text[])
      ORDER BY lower(key), key`),
  )
  return new Map(rows.map((row) => [row.key.toLowerCase(), row.key]))
}

/**
 * The mapping with each `attributes.<key>` target spelled the way contacts already spell that key
 * (a `Plan` column lands in `plan` when contacts have `plan`), so segments on the attribute find
 * imported contacts too. Keys no contact has yet stay as given; nested paths keep their tail.
 */
export const withExistingAttributeKeys = async (
  payload: Payload,
  mapping: ColumnMapping,
): Promise<ColumnMapping> => {
  const headOf = (target: string) => target.slice(attributePrefix.length).split('.')[0]!
  const heads = Object.values(mapping)
    .filter((target) => target.startsWith(attributePrefix))
    .map(headOf)
  const known = await existingKeys(payload, [...new Set(heads)])
  return Object.fromEntries(
    Object.entries(mapping).map(([column, target]) => {
      if (!target.startsWith(attributePrefix)) return [column, target]
      const head = headOf(target)
      const spelled = known.get(head.toLowerCase()) ?? head
      return [
        column,
        `${attributePrefix}${spelled}${target.slice(attributePrefix.length + head.length)}`,
      ]
    }),
  )
}
