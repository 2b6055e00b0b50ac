import type { CollectionConfig, CollectionSlug } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { finalizeCollection } from '../utilities/collectionDefaults.js'
import { publishSubscriptionChanges } from '../automations/hooks/publishSubscriptionChanges.js'
import { stampStatusChange } from './hooks/stampStatusChange.js'
import { subscriptionStatuses } from './subscriptionStatuses.js'

const timestamp = (name: string) => ({
  name,
  type: 'date' as const,
  admin: { date: { pickerAppearance: 'dayAndTime' as const }, readOnly: true },
})

/** One row per contact and list: a list can hold a million members without touching the contact. */
export const createSubscriptionsCollection = (
  options: SanitizedEmailMarketingOptions,
): CollectionConfig =>
  finalizeCollection(
    'subscriptions',
    {
      slug: options.slugs.subscriptions,
      admin: { defaultColumns: ['contact', 'list', 'status', 'updatedAt'] },
      fields: [
        {
          name: 'contact',
          type: 'relationship',
          index: true,
          relationTo: options.slugs.contacts as CollectionSlug,
          required: true,
        },
        {
          name: 'list',
          type: 'relationship',
          index: true,
          relationTo: options.slugs.lists as CollectionSlug,
          required: true,
        },
        {
          name: 'status',
          type: 'select',
          defaultValue: 'subscribed',
          enumName: 'enum_em_subscription_status',
          index: true,
          options: subscriptionStatuses.map((value) => ({
            label: value[0].toUpperCase() + value.slice(1),
            value,
          })),
        },
        {
          type: 'row',
          fields: [timestamp('pendingAt'), timestamp('subscribedAt'), timestamp('unsubscribedAt')],
        },
      ],
      hooks: { afterChange: [publishSubscriptionChanges], beforeChange: [stampStatusChange] },
      indexes: [{ fields: ['contact', 'list'], unique: true }],
      timestamps: true,
    },
    options,
  )
