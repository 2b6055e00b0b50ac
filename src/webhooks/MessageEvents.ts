import type { CollectionConfig, CollectionSlug } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { finalizeCollection } from '../utilities/collectionDefaults.js'
import { messageEventTypes } from './messageEventTypes.js'

const labelOf = (value: string) =>
  value.replace(/([A-Z])/g, ' $1').replace(/^./, (first) => first.toUpperCase())

/**
 * What Postmark's webhooks reported, one row per event with its time, so stats can count opens and
 * clicks over time and rank links. The unique dedupe key makes a redelivered event a no-op.
 */
export const createMessageEventsCollection = (
  options: SanitizedEmailMarketingOptions,
): CollectionConfig =>
  finalizeCollection(
    'messageEvents',
    {
      slug: options.slugs.messageEvents,
      access: { create: () => false, delete: () => false, update: () => false },
      admin: {
        defaultColumns: ['type', 'recipient', 'url', 'occurredAt'],
        description:
          'Deliveries, bounces, complaints, opens and clicks reported by Postmark. Read-only.',
        useAsTitle: 'type',
      },
      fields: [
        {
          name: 'type',
          type: 'select',
          enumName: 'enum_em_message_event_type',
          index: true,
          options: messageEventTypes.map((value) => ({ label: labelOf(value), value })),
          required: true,
        },
        {
          name: 'message',
          type: 'relationship',
          index: true,
          relationTo: options.slugs.messages as CollectionSlug,
        },
        {
          name: 'contact',
          type: 'relationship',
          index: true,
          relationTo: options.slugs.contacts as CollectionSlug,
        },
        { name: 'recipient', type: 'text' },
        { name: 'url', type: 'text', admin: { description: 'The link of a click.' } },
        {
          name: 'occurredAt',
          type: 'date',
          admin: { date: { pickerAppearance: 'dayAndTime' } },
          index: true,
          required: true,
        },
        { name: 'dedupeKey', type: 'text', required: true, unique: true },
        {
          name: 'details',
          type: 'json',
          admin: { description: 'The webhook payload as Postmark sent it.' },
        },
      ],
      indexes: [{ fields: ['type', 'occurredAt'] }, { fields: ['contact', 'occurredAt'] }],
      timestamps: true,
    },
    options,
  )
