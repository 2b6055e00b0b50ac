import type { Config, Payload } from 'payload'

import type { SanitizedEmailMarketingOptions } from './types.js'

const customKey = 'emailMarketing'

/** Keeps the resolved options on the config (server-side `custom`) so services can find them. */
export const withPluginOptions = (
  config: Config,
  options: SanitizedEmailMarketingOptions,
): Config => ({
  ...config,
  custom: { ...config.custom, [customKey]: options },
})

/** The plugin's resolved options for this Payload instance. */
export const pluginOptionsOf = (
  payload: Pick<Payload, 'config'>,
): SanitizedEmailMarketingOptions => {
  const options = payload.config.custom?.[customKey] as SanitizedEmailMarketingOptions | undefined
  if (!options) {
    throw new Error(
      'payload-plugin-email-marketing is not installed in this Payload config: add emailMarketingPlugin() to `plugins`.',
    )
  }
  return options
}
