import type { CollectionConfig } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { finalizeCollection } from '../utilities/collectionDefaults.js'

export const createTagsCollection = (options: SanitizedEmailMarketingOptions): CollectionConfig =>
  finalizeCollection(
    'tags',
    {
      slug: options.slugs.tags,
      admin: { useAsTitle: 'name' },
      fields: [
        {
          name: 'name',
          type: 'text',
          hooks: {
            beforeValidate: [({ value }) => (typeof value === 'string' ? value.trim() : value)],
          },
          required: true,
          unique: true,
        },
      ],
      timestamps: true,
    },
    options,
  )
