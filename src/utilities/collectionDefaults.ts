import type { CollectionConfig } from 'payload'

import type { EmailMarketingCollection, SanitizedEmailMarketingOptions } from '../types.js'

/** Applies the shared admin group and access, then the user's override for this collection. */
export const finalizeCollection = (
  key: EmailMarketingCollection,
  collection: CollectionConfig,
  options: SanitizedEmailMarketingOptions,
): CollectionConfig => {
  const { read, write } = options.access
  const withDefaults: CollectionConfig = {
    ...collection,
    access: { create: write, delete: write, read, update: write, ...collection.access },
    admin: { group: options.adminGroup, ...collection.admin },
  }
  const override = options.overrides[key]
  return override ? override(withDefaults) : withDefaults
}
