import type { EmailMarketingPluginOptions } from 'payload-plugin-email-marketing'

/**
 * Renamed slugs the integration suite runs with when `TEST_SLUGS=renamed`: kebab-case and
 * camelCase slugs whose tables, link tables and `<slug>_id` columns differ from the defaults, so
 * a query that spells a table or column name by hand fails.
 */
export const renamedSlugs = {
  campaigns: 'newsletters',
  contacts: 'subscribers',
  deals: 'opportunities',
  enrollments: 'automationRuns',
  lists: 'audiences',
  messages: 'email-log',
  segments: 'savedSegments',
  tags: 'labels',
} satisfies EmailMarketingPluginOptions['slugs']

/** The `slugs` plugin option the `TEST_SLUGS` environment variable selects (unset: the defaults). */
export const slugsFromEnv = (): EmailMarketingPluginOptions['slugs'] => {
  const choice = process.env.TEST_SLUGS
  if (!choice || choice === 'default') return {}
  if (choice === 'renamed') return renamedSlugs
  throw new Error(`TEST_SLUGS must be "default" or "renamed", got "${choice}".`)
}
