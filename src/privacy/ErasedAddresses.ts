import type { CollectionConfig } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { finalizeCollection } from '../utilities/collectionDefaults.js'

/**
 * Addresses of erased contacts, kept only as an HMAC-SHA256 keyed with the plugin secret, so an
 * import can recognise (and reject) an erased address without the address being stored.
 */
export const createErasedAddressesCollection = (
  options: SanitizedEmailMarketingOptions,
): CollectionConfig =>
  finalizeCollection(
    'erasedAddresses',
    {
      slug: options.slugs.erasedAddresses,
      access: { create: () => false, update: () => false },
      admin: {
        defaultColumns: ['hash', 'createdAt'],
        description:
          'Keyed hashes of erased contacts\u2019 addresses. Deleting one lets an import add that address again.',
        useAsTitle: 'hash',
      },
      fields: [
        {
          name: 'hash',
          type: 'text',
          admin: { readOnly: true },
          index: true,
          required: true,
          unique: true,
        },
      ],
      timestamps: true,
    },
    options,
  )
