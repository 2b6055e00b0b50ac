import type { CollectionConfig } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { finalizeCollection } from '../utilities/collectionDefaults.js'
import { conditionGroupFields } from './conditionGroupFields.js'
import { refuseDeletingUsedAudience } from '../campaigns/hooks/refuseDeletingUsedAudience.js'
import { validateSegmentRules } from './hooks/validateSegmentRules.js'

/**
 * Saved audiences as rules, not member lists: the rules compile to one SQL expression evaluated
 * whenever the segment is used, so membership never goes stale.
 */
export const createSegmentsCollection = (
  options: SanitizedEmailMarketingOptions,
): CollectionConfig =>
  finalizeCollection(
    'segments',
    {
      slug: options.slugs.segments,
      admin: {
        defaultColumns: ['name', 'description', 'updatedAt'],
        description: 'Contacts matching rules, evaluated at send time.',
        useAsTitle: 'name',
      },
      fields: [
        { name: 'name', type: 'text', required: true },
        { name: 'description', type: 'textarea' },
        {
          name: 'liveCount',
          type: 'ui',
          admin: { components: { Field: 'payload-plugin-email-marketing/client#SegmentCount' } },
        },
        ...conditionGroupFields(options),
      ],
      hooks: {
        beforeDelete: [refuseDeletingUsedAudience('segment')],
        beforeValidate: [validateSegmentRules],
      },
      timestamps: true,
    },
    options,
  )
