import type { CollectionConfig, CollectionSlug } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { finalizeCollection } from '../utilities/collectionDefaults.js'

export const enrollmentStatuses = ['active', 'waiting', 'completed', 'exited', 'failed'] as const

const readOnlyDate = (name: string) => ({
  name,
  type: 'date' as const,
  admin: { date: { pickerAppearance: 'dayAndTime' as const }, readOnly: true },
})

/** One contact in one automation. Written by triggers and the engine (set-based); read-only in the admin. */
export const createEnrollmentsCollection = (
  options: SanitizedEmailMarketingOptions,
): CollectionConfig =>
  finalizeCollection(
    'enrollments',
    {
      slug: options.slugs.enrollments,
      access: { create: () => false, update: () => false },
      admin: { defaultColumns: ['contact', 'automation', 'status', 'stepPath', 'nextRunAt'] },
      fields: [
        {
          name: 'contact',
          type: 'relationship',
          index: true,
          relationTo: options.slugs.contacts as CollectionSlug,
          required: true,
        },
        {
          name: 'automation',
          type: 'relationship',
          index: true,
          relationTo: options.slugs.automations as CollectionSlug,
          required: true,
        },
        {
          name: 'status',
          type: 'select',
          defaultValue: 'active',
          enumName: 'enum_em_enrollment_status',
          options: enrollmentStatuses.map((value) => ({
            label: value[0].toUpperCase() + value.slice(1),
            value,
          })),
          required: true,
        },
        {
          name: 'stepPath',
          type: 'text',
          admin: {
            description: 'Current step, e.g. 2 or 1.yes.0; empty before the first step.',
            readOnly: true,
          },
        },
        readOnlyDate('nextRunAt'),
        readOnlyDate('enrolledAt'),
        { ...readOnlyDate('leaseUntil'), admin: { hidden: true } },
        { name: 'enrollKey', type: 'text', admin: { hidden: true }, unique: true },
        { name: 'state', type: 'json', admin: { readOnly: true } },
        {
          name: 'history',
          type: 'array',
          admin: { readOnly: true },
          fields: [
            {
              type: 'row',
              fields: [
                { name: 'step', type: 'text', index: true },
                { name: 'stepType', type: 'text' },
                readOnlyDate('at'),
                { name: 'outcome', type: 'text' },
              ],
            },
          ],
        },
      ],
      indexes: [{ fields: ['status', 'nextRunAt'] }, { fields: ['automation', 'contact'] }],
      timestamps: true,
    },
    options,
  )
