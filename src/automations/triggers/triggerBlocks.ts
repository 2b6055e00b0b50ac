import type { Block, CollectionSlug } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../../types.js'

import { isTimeOfDay, isTimeZone } from '../../utilities/zonedTime.js'

/**
 * What starts an automation. Every trigger but `dateBased` and `collectionChange` matches a
 * contact event (src/events/contactEvents.ts); `dateBased` is scanned by the automation tick,
 * `collectionChange` is fired by the `triggerOnChange` hook factory.
 */
export const triggerBlocks = (options: SanitizedEmailMarketingOptions): Block[] => [
  {
    slug: 'listSubscribed',
    fields: [
      {
        name: 'list',
        type: 'relationship',
        admin: { description: 'Empty: any list.' },
        relationTo: options.slugs.lists as CollectionSlug,
      },
    ],
    labels: { plural: 'Subscribed to list', singular: 'Subscribed to list' },
  },
  {
    slug: 'tagAdded',
    fields: [
      {
        name: 'tag',
        type: 'relationship',
        relationTo: options.slugs.tags as CollectionSlug,
        required: true,
      },
    ],
    labels: { plural: 'Tag added', singular: 'Tag added' },
  },
  {
    slug: 'tagRemoved',
    fields: [
      {
        name: 'tag',
        type: 'relationship',
        relationTo: options.slugs.tags as CollectionSlug,
        required: true,
      },
    ],
    labels: { plural: 'Tag removed', singular: 'Tag removed' },
  },
  {
    slug: 'fieldChanged',
    fields: [
      {
        type: 'row',
        fields: [
          {
            name: 'field',
            type: 'text',
            admin: { description: 'A contact field or attributes.<key>' },
            required: true,
          },
          {
            name: 'value',
            type: 'text',
            admin: { description: 'Only when it changes to this value (empty: any change).' },
          },
        ],
      },
    ],
    labels: { plural: 'Field changed', singular: 'Field changed' },
  },
  {
    slug: 'dateBased',
    fields: [
      {
        type: 'row',
        fields: [
          {
            name: 'field',
            type: 'text',
            admin: { description: 'createdAt or attributes.<key> (YYYY-MM-DD)' },
            required: true,
          },
          {
            name: 'mode',
            type: 'select',
            defaultValue: 'anniversary',
            options: [
              { label: 'Every year on the date', value: 'anniversary' },
              { label: 'N days before', value: 'before' },
              { label: 'N days after', value: 'after' },
              { label: 'On the date', value: 'on' },
            ],
          },
          { name: 'days', type: 'number', defaultValue: 0, min: 0 },
        ],
      },
      {
        type: 'row',
        fields: [
          {
            name: 'timeOfDay',
            type: 'text',
            defaultValue: '09:00',
            admin: { description: 'HH:MM' },
            validate: (value: null | string | undefined) =>
              value == null || isTimeOfDay(value) || 'Use a 24-hour time, e.g. 09:00.',
          },
          {
            name: 'timeZone',
            type: 'text',
            defaultValue: 'UTC',
            admin: { description: 'IANA name, e.g. Europe/Berlin.' },
            validate: (value: null | string | undefined) =>
              value == null ||
              isTimeZone(value) ||
              'Use an IANA time zone name, e.g. Europe/Berlin.',
          },
        ],
      },
      {
        name: 'scannedDay',
        type: 'text',
        admin: {
          description: "The engine's checkpoint: the last local day (YYYY-MM-DD) it scanned.",
          hidden: true,
        },
      },
    ],
    labels: { plural: 'Date based', singular: 'Date based' },
  },
  {
    slug: 'dealStageChanged',
    fields: [{ name: 'stageId', type: 'text', admin: { description: 'Empty: any stage.' } }],
    labels: { plural: 'Deal stage changed', singular: 'Deal stage changed' },
  },
  { slug: 'emailOpened', fields: [], labels: { plural: 'Email opened', singular: 'Email opened' } },
  {
    slug: 'linkClicked',
    fields: [{ name: 'urlContains', type: 'text' }],
    labels: { plural: 'Link clicked', singular: 'Link clicked' },
  },
  {
    slug: 'customEvent',
    fields: [{ name: 'event', type: 'text', required: true }],
    labels: { plural: 'Custom event', singular: 'Custom event' },
  },
  {
    slug: 'collectionChange',
    fields: [
      {
        name: 'collection',
        type: 'text',
        admin: {
          description:
            'Documentation only: the collection whose triggerOnChange hook starts this automation (by its key).',
        },
      },
    ],
    labels: { plural: 'Collection change (hook)', singular: 'Collection change (hook)' },
  },
]
