import type { Config, Payload, SanitizedConfig } from 'payload'

import { getPayload } from 'payload'

import type { EmailMarketingPluginOptions } from '../../src/types'

import { createDevConfig } from '../../dev/config'
import { withSchemaTemplate } from './schemaTemplates'
import { reserveTestDatabase } from './testDatabase'

export type TestPayload = {
  config: SanitizedConfig
  databaseUrl: string
  payload: Payload
  shutdown: () => Promise<void>
}

/**
 * Boots Payload on a fresh database: the dev app's config by default, or `buildTestConfig`'s. The
 * database starts as a copy of the run's template for the config's schema (see schemaTemplates).
 */
export const bootTestPayload = async ({
  buildTestConfig,
  cacheKey,
  name,
  plugin,
}: {
  buildTestConfig?: (databaseUrl: string) => Promise<SanitizedConfig>
  /** getPayload's cache key, `name` by default. REST and GraphQL route handlers use 'default'. */
  cacheKey?: string
  name: string
  plugin?: Partial<EmailMarketingPluginOptions>
}): Promise<TestPayload> => {
  const database = await reserveTestDatabase(name)
  const builtConfig = await (buildTestConfig
    ? buildTestConfig(database.url)
    : createDevConfig({
        databaseUrl: database.url,
        plugin: { scheduler: { enabled: false }, ...plugin },
      }))
  const config = withSchemaTemplate(builtConfig, database)
  const payload = await getPayload({ config, key: cacheKey ?? name })
  // Payload's pool keeps a client after destroy(); without a listener, stopping Postgres under it throws.
  payload.db.pool.on('error', () => {})
  return {
    config,
    databaseUrl: database.url,
    payload,
    shutdown: async () => {
      await payload.destroy()
      await database.drop()
    },
  }
}

export type { Config }
