import type { CollectionSlug, Field, RichTextField } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { mergeTagPicker } from './mergeTagPicker.js'

/** Bookkeeping the send machinery keeps: not on the form; the campaign actions summarise it in words. */
const internalDate = (name: string, label?: string): Field => ({
  name,
  type: 'date',
  admin: { hidden: true },
  label,
})

/** Lists (and a segment when the segments collection exists), plus exclusions. */
export const audienceField = (
  options: SanitizedEmailMarketingOptions,
  withSegments: boolean,
): Field => ({
  name: 'audience',
  type: 'group',
  admin: {
    description:
      'Active contacts subscribed to any chosen list get one email each; excluded lists and segments win.',
  },
  fields: [
    {
      name: 'lists',
      type: 'relationship',
      hasMany: true,
      relationTo: options.slugs.lists as CollectionSlug,
    },
    ...(withSegments
      ? ([
          {
            name: 'segment',
            type: 'relationship',
            admin: {
              description: 'Only contacts matching this segment (on the lists above, when any).',
            },
            relationTo: options.slugs.segments as CollectionSlug,
          },
        ] as Field[])
      : []),
    {
      name: 'excludedLists',
      type: 'relationship',
      hasMany: true,
      relationTo: options.slugs.lists as CollectionSlug,
    },
    ...(withSegments
      ? ([
          {
            name: 'excludedSegments',
            type: 'relationship',
            hasMany: true,
            relationTo: options.slugs.segments as CollectionSlug,
          },
        ] as Field[])
      : []),
  ],
})

/** A/B split test: 2-5 variants of the subject or the content, a test share, a winner metric and a wait. */
export const abTestField = (content: Omit<RichTextField, 'name'>): Field => ({
  name: 'abTest',
  type: 'group',
  label: 'A/B test',
  fields: [
    { name: 'enabled', type: 'checkbox', defaultValue: false, label: 'Run an A/B test' },
    {
      type: 'row',
      admin: { condition: (_, siblings) => Boolean(siblings?.enabled) },
      fields: [
        {
          name: 'testOn',
          type: 'select',
          defaultValue: 'subject',
          enumName: 'enum_em_campaign_ab_on',
          options: [
            { label: 'Subject', value: 'subject' },
            { label: 'Content', value: 'content' },
          ],
        },
        {
          name: 'testPercent',
          type: 'number',
          admin: { description: 'Share of the audience in the test, split evenly among variants.' },
          defaultValue: 20,
          max: 100,
          min: 1,
        },
        {
          name: 'winnerMetric',
          type: 'select',
          defaultValue: 'open',
          enumName: 'enum_em_campaign_ab_metric',
          options: [
            { label: 'Open rate', value: 'open' },
            { label: 'Click rate', value: 'click' },
          ],
        },
        {
          name: 'waitMinutes',
          type: 'number',
          admin: {
            description: 'Minutes after the test is sent before the winner goes to the rest.',
          },
          defaultValue: 240,
          min: 0,
        },
      ],
    },
    {
      name: 'variants',
      type: 'array',
      admin: {
        condition: (_, siblings) => Boolean(siblings?.enabled),
        description: 'Variant A, B, ...: fill the subject or the content, whichever is tested.',
      },
      // The same merge-tag picker as the campaign's own subject and body, at each row's path.
      fields: [
        { name: 'subject', type: 'text', admin: { components: mergeTagPicker() } },
        {
          ...content,
          name: 'content',
          admin: { components: mergeTagPicker(undefined, 'richText') },
        } as Field,
      ],
      maxRows: 5,
      validate: (value: unknown, { siblingData }: { siblingData?: { enabled?: boolean } }) =>
        !siblingData?.enabled ||
        (Array.isArray(value) && value.length >= 2 && value.length <= 5) ||
        'An A/B test needs 2 to 5 variants.',
    },
    {
      name: 'winner',
      type: 'number',
      admin: { hidden: true },
    },
    internalDate('testSentAt', 'Test sent at'),
  ],
})

/**
 * Progress of the fan-out: phase and keyset checkpoint, so any process can resume it. Hidden: the
 * campaign actions show it as "Sending: 41,200 of 100,000".
 */
export const fanOutField: Field = {
  name: 'fanOut',
  type: 'group',
  admin: { hidden: true },
  fields: [
    {
      name: 'phase',
      type: 'select',
      defaultValue: 'idle',
      enumName: 'enum_em_campaign_fan_out_phase',
      options: ['idle', 'all', 'test', 'waiting', 'remainder', 'done'].map((value) => ({
        label: value,
        value,
      })),
    },
    { name: 'lastContactId', type: 'number', defaultValue: 0 },
    { name: 'recipients', type: 'number', defaultValue: 0 },
    internalDate('startedAt'),
    internalDate('finishedAt'),
  ],
}
