import type { CollectionConfig } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../../types.js'

import { finalizeCollection } from '../../utilities/collectionDefaults.js'

/**
 * Facts that can start an automation (tag, list and field changes, opens, clicks, bounces, deal
 * stages, custom events, `triggerOnChange`), one row each, written in the same transaction as the
 * change that caused it. The engine's tick consumes unprocessed rows with `FOR UPDATE SKIP LOCKED`
 * and marks them processed in the transaction that enrolls their contacts; processed rows are
 * pruned after `automations.eventRetentionDays`. Written and read by the plugin only.
 */
export const createAutomationEventsCollection = (
  options: SanitizedEmailMarketingOptions,
): CollectionConfig =>
  finalizeCollection(
    'automationEvents',
    {
      slug: options.slugs.automationEvents,
      access: {
        create: () => false,
        delete: () => false,
        read: options.access.read,
        update: () => false,
      },
      admin: { hidden: true },
      fields: [
        { name: 'type', type: 'text', required: true },
        {
          name: 'contactId',
          type: 'number',
          admin: { description: 'The contact the fact is about (empty for deal facts: see data).' },
        },
        { name: 'data', type: 'json', required: true },
        {
          name: 'dedupeKey',
          type: 'text',
          admin: { description: 'Names a fact that may be recorded twice, so it counts once.' },
          unique: true,
        },
        { name: 'processedAt', type: 'date' },
      ],
      timestamps: true,
    },
    options,
  )
