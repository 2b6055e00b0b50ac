import type { CollectionConfig, CollectionSlug } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { finalizeCollection } from '../utilities/collectionDefaults.js'

/** One rejected CSV row of an import, written set-based per chunk; the rejected-rows report reads them. */
export const createImportRejectionsCollection = (
  options: SanitizedEmailMarketingOptions,
): CollectionConfig =>
  finalizeCollection(
    'importRejections',
    {
      slug: options.slugs.importRejections,
      access: { create: () => false, update: () => false },
      admin: { defaultColumns: ['import', 'row', 'email', 'reason'], hidden: true },
      fields: [
        {
          name: 'import',
          type: 'relationship',
          index: true,
          relationTo: options.slugs.contactImports as CollectionSlug,
          required: true,
        },
        { name: 'row', type: 'number', index: true, required: true },
        { name: 'email', type: 'text' },
        { name: 'reason', type: 'text', required: true },
        { name: 'raw', type: 'json' },
      ],
      timestamps: true,
    },
    options,
  )
