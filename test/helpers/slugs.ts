import { sql } from '@payloadcms/db-postgres'
import { formatNames } from 'payload'
import toSnakeCase from 'to-snake-case'

import { slugsFromEnv } from '../../dev/testSlugs'
import { defaultSlugs } from '../../src/defaults'

type Slugs = typeof defaultSlugs

/**
 * The plugin's collection slugs in this run: the defaults, or the renamed set when
 * `TEST_SLUGS=renamed` (npm run test:int:renamed). Specs spell slugs, REST paths and table names
 * only through this module. Typed as the default slugs so the generated Payload types still apply.
 */
export const slugs = { ...defaultSlugs, ...slugsFromEnv() } as Slugs

const keys = Object.keys(defaultSlugs) as (keyof Slugs)[]

/**
 * Table names of the plugin's collections, for specs' own SQL. Derived the way Payload's Postgres
 * adapter names them (to-snake-case of the slug; the dev config sets no `dbName`), independently
 * of the plugin's resolver the specs check.
 */
export const tableNames = Object.fromEntries(
  keys.map((key) => [key, toSnakeCase(slugs[key])]),
) as Record<keyof Slugs, string>

/** The same tables as identifiers for drizzle `sql` templates. */
export const tables = Object.fromEntries(
  keys.map((key) => [key, sql.identifier(tableNames[key])]),
) as Record<keyof Slugs, ReturnType<typeof sql.identifier>>

/** The GraphQL type names Payload gives each collection (`Contacts`/`Contact`, `EmailLogs`/`EmailLog`). */
export const graphqlNames = Object.fromEntries(
  keys.map((key) => {
    const { plural, singular } = formatNames(slugs[key])
    return [key, { plural: plural === singular ? `all${singular}` : plural, singular }]
  }),
) as Record<keyof Slugs, { plural: string; singular: string }>

/** The table of the enrollments' `history` array field. */
export const enrollmentHistory = sql.identifier(`${tableNames.enrollments}_history`)
