import type { CollectionConfig, CollectionSlug } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { sendEmailAction } from '../direct/adminComponents.js'
import { finalizeCollection } from '../utilities/collectionDefaults.js'
import { dealsAccess } from './dealAccess.js'
import { dealStatuses } from './dealStatuses.js'
import { appendStageHistory } from './hooks/appendStageHistory.js'
import { enforceDealOwner } from './hooks/enforceDealOwner.js'
import { publishStageChange } from './hooks/publishStageChange.js'
import { validateDealStage } from './hooks/validateDealStage.js'

const label = (value: string) => value[0].toUpperCase() + value.slice(1)

export const createDealsCollection = (
  options: SanitizedEmailMarketingOptions,
): CollectionConfig => {
  const users = options.adminUserSlug as CollectionSlug
  return finalizeCollection(
    'deals',
    {
      slug: options.slugs.deals,
      access: dealsAccess(options),
      admin: {
        components: { edit: { beforeDocumentControls: [sendEmailAction(options, 'deal')] } },
        defaultColumns: ['title', 'value', 'currency', 'status', 'owner', 'updatedAt'],
        useAsTitle: 'title',
      },
      fields: [
        { name: 'title', type: 'text', required: true },
        {
          type: 'row',
          fields: [
            { name: 'value', type: 'number', defaultValue: 0, min: 0, required: true },
            {
              name: 'currency',
              type: 'text',
              defaultValue: 'USD',
              hooks: {
                beforeValidate: [
                  ({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value),
                ],
              },
              required: true,
              validate: (value: null | string | undefined) =>
                /^[A-Z]{3}$/.test(value ?? '')
                  ? true
                  : 'Use a three-letter ISO currency code, e.g. USD.',
            },
          ],
        },
        {
          type: 'row',
          fields: [
            {
              name: 'pipeline',
              type: 'relationship',
              index: true,
              relationTo: options.slugs.pipelines as CollectionSlug,
              required: true,
            },
            {
              name: 'stage',
              type: 'text',
              admin: {
                components: {
                  Field: {
                    clientProps: { pipelinesSlug: options.slugs.pipelines },
                    path: 'payload-plugin-email-marketing/client#DealStageField',
                  },
                },
                description: 'A stage of the pipeline.',
              },
              index: true,
              required: true,
              validate: validateDealStage(options),
            },
          ],
        },
        {
          type: 'row',
          fields: [
            {
              name: 'status',
              type: 'select',
              defaultValue: 'open',
              enumName: 'enum_em_deal_status',
              index: true,
              options: dealStatuses.map((value) => ({ label: label(value), value })),
              required: true,
            },
            {
              name: 'lostReason',
              type: 'text',
              admin: { condition: (data) => data?.status === 'lost' },
              validate: (
                value: null | string | undefined,
                { data }: { data: Partial<{ status: string }> },
              ) =>
                data?.status === 'lost' && !value?.trim() ? 'Say why the deal was lost.' : true,
            },
          ],
        },
        { name: 'owner', type: 'relationship', index: true, relationTo: users },
        {
          name: 'contacts',
          type: 'relationship',
          hasMany: true,
          relationTo: options.slugs.contacts as CollectionSlug,
        },
        { name: 'expectedCloseDate', type: 'date' },
        { name: 'notes', type: 'textarea' },
        {
          name: 'history',
          type: 'array',
          admin: {
            description: 'Every stage and status change, recorded by the server.',
            initCollapsed: true,
            readOnly: true,
          },
          fields: [
            {
              type: 'row',
              fields: [
                { name: 'fromStage', type: 'text' },
                { name: 'toStage', type: 'text', index: true },
                { name: 'status', type: 'text' },
                {
                  name: 'at',
                  type: 'date',
                  admin: { date: { pickerAppearance: 'dayAndTime' } },
                  index: true,
                },
                { name: 'by', type: 'relationship', relationTo: users },
              ],
            },
          ],
        },
      ],
      hooks: {
        afterChange: [publishStageChange],
        beforeChange: [appendStageHistory(options)],
        beforeValidate: [enforceDealOwner(options)],
      },
      // The board filters by pipeline, stage and status and pages by id.
      indexes: [{ fields: ['pipeline', 'stage', 'status'] }],
      timestamps: true,
    },
    options,
  )
}
