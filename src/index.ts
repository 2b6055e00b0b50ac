import type { Config, Plugin } from 'payload'

import type { EmailMarketingPluginOptions } from './types.js'

import { createCollections } from './collections.js'
import { sanitizeOptions } from './sanitizeOptions.js'
import { assertPostgresConfig } from './utilities/assertPostgres.js'

/**
 * Adds contacts, lists, subscriptions and tags (and, when enabled, the sending machinery) to a
 * Payload config. Everything the host config already has is kept; its `onInit` runs first.
 */
export const emailMarketingPlugin =
  (pluginOptions: EmailMarketingPluginOptions = {}): Plugin =>
  (incomingConfig: Config): Config => {
    assertPostgresConfig(incomingConfig)
    const options = sanitizeOptions(pluginOptions, incomingConfig)
    const config: Config = {
      ...incomingConfig,
      collections: [...(incomingConfig.collections ?? []), ...createCollections(options)],
    }
    if (!options.enabled) {
      return config
    }
    return config
  }

export type {
  CollectionOverride,
  EmailMarketingCollection,
  EmailMarketingPluginOptions,
  PostmarkOptions,
  SanitizedEmailMarketingOptions,
  SchedulerOptions,
  SendingOptions,
} from './types.js'
export { isEmailAddress, normalizeEmail } from './utilities/isEmailAddress.js'
export { arrayParam, drizzleFor, rowsOf, tableOf } from './utilities/db.js'
