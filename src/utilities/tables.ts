import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import toSnakeCase from 'to-snake-case'

/**
 * The one place that knows how Payload's Postgres adapter names a collection's tables and
 * columns. Everything is read from the adapter's own schema (`tableNameMap`, the drizzle table
 * objects and their columns); the only derivation is the adapter's: `to-snake-case` of a slug,
 * array field or block slug gives the key of `tableNameMap`, which holds the real name (a
 * `dbName` included). Works on `payload.db` at run time and on the adapter in schema hooks.
 */
export type TableSource = {
  relationshipsSuffix?: string
  tableNameMap: Map<string, string>
  tables: Record<string, unknown>
}

type Column = { name: string }
type Identifier = ReturnType<typeof sql.identifier>

const fail = (message: string): never => {
  throw new Error(`payload-plugin-email-marketing: ${message}`)
}

const mapped = (db: TableSource, key: string, what: string): string =>
  db.tableNameMap.get(key) ?? fail(`no database table for ${what}.`)

/** The name of a collection's main table. */
export const tableNameOf = (db: TableSource, slug: string): string =>
  mapped(db, toSnakeCase(slug), `collection "${slug}"`)

/** The name of the table holding a collection's hasMany and polymorphic relationships. */
export const relsTableNameOf = (db: TableSource, slug: string): string => {
  const name = `${tableNameOf(db, slug)}${db.relationshipsSuffix ?? '_rels'}`
  return name in db.tables ? name : fail(`collection "${slug}" has no relationships table.`)
}

/** The name of the table of a top-level array field of a collection. */
export const arrayTableNameOf = (db: TableSource, slug: string, field: string): string =>
  mapped(
    db,
    `${tableNameOf(db, slug)}_${toSnakeCase(field)}`,
    `array field "${field}" of "${slug}"`,
  )

/** The name of the table of one block type in a collection's blocks fields. */
export const blockTableNameOf = (db: TableSource, slug: string, blockSlug: string): string =>
  mapped(
    db,
    `${tableNameOf(db, slug)}_blocks_${toSnakeCase(blockSlug)}`,
    `block "${blockSlug}" of "${slug}"`,
  )

const columnsOf = (db: TableSource, table: string): Record<string, Column> =>
  (db.tables[table] as Record<string, Column> | undefined) ?? fail(`no drizzle table "${table}".`)

/**
 * The SQL name of a column, by its drizzle key: the field name for a field (`toAddress`,
 * `contact` for a relationship), `parent`, `path`, `order` and `<slug>ID` in relationships
 * tables, `_parentID` and `_order` in array and block tables.
 */
export const columnNameOf = (db: TableSource, table: string, key: string): string => {
  const column = columnsOf(db, table)[key]
  return column?.name ?? fail(`table "${table}" has no column "${key}".`)
}

/** The column of a relationships table that points at `relatedSlug` (`<related table>_id`). */
export const relsColumnNameOf = (db: TableSource, slug: string, relatedSlug: string): string =>
  columnNameOf(db, relsTableNameOf(db, slug), `${relatedSlug}ID`)

/** The drizzle key of the column whose SQL name is `name` (schema hooks address columns by key). */
export const columnKeyOf = (db: TableSource, table: string, name: string): string =>
  Object.entries(columnsOf(db, table)).find(([, column]) => column.name === name)?.[0] ??
  fail(`table "${table}" has no column named "${name}".`)

const sourceOf = (payload: Payload): TableSource => payload.db as unknown as TableSource

/** A collection's main table, as an identifier for `sql` templates. */
export const tableOf = (payload: Payload, slug: string): Identifier =>
  sql.identifier(tableNameOf(sourceOf(payload), slug))

/** A collection's relationships (`_rels`) table. */
export const relsTableOf = (payload: Payload, slug: string): Identifier =>
  sql.identifier(relsTableNameOf(sourceOf(payload), slug))

/** The column of `slug`'s relationships table that holds ids of `relatedSlug`. */
export const relsColumnOf = (payload: Payload, slug: string, relatedSlug: string): Identifier =>
  sql.identifier(relsColumnNameOf(sourceOf(payload), slug, relatedSlug))

/** The table of a collection's top-level array field. */
export const arrayTableOf = (payload: Payload, slug: string, field: string): Identifier =>
  sql.identifier(arrayTableNameOf(sourceOf(payload), slug, field))

/** The table of one block type of a collection's blocks fields. */
export const blockTableOf = (payload: Payload, slug: string, blockSlug: string): Identifier =>
  sql.identifier(blockTableNameOf(sourceOf(payload), slug, blockSlug))

/** A column of a collection's main table, by field name. */
export const columnOf = (payload: Payload, slug: string, field: string): Identifier =>
  sql.identifier(columnNameOf(sourceOf(payload), tableNameOf(sourceOf(payload), slug), field))
