import type { CollectionConfig } from 'payload'

import type { EmailMarketingCollection, SanitizedEmailMarketingOptions } from '../types.js'

/** Collections an editor rarely opens: logs and join rows, reachable from their parents. */
const recordCollections: ReadonlySet<EmailMarketingCollection> = new Set([
  'auditLog',
  'automationEvents',
  'contactImports',
  'enrollments',
  'erasedAddresses',
  'importRejections',
  'messageEvents',
  'messages',
  'subscriptions',
])

/**
 * Applies the admin group (the everyday group, or the records group for bookkeeping collections)
 * and access, then the user's override for this collection.
 */
export const finalizeCollection = (
  key: EmailMarketingCollection,
  collection: CollectionConfig,
  options: SanitizedEmailMarketingOptions,
): CollectionConfig => {
  const { read, write } = options.access
  const withDefaults: CollectionConfig = {
    ...collection,
    access: { create: write, delete: write, read, update: write, ...collection.access },
    admin: {
      group: recordCollections.has(key) ? options.recordsAdminGroup : options.adminGroup,
      ...collection.admin,
    },
  }
  const override = options.overrides[key]
  return override ? override(withDefaults) : withDefaults
}
