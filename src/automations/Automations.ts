import type { CollectionConfig } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { finalizeCollection } from '../utilities/collectionDefaults.js'
import { conditionsField } from './conditions.js'
import { forgetActiveTriggers } from './triggers/activeTriggers.js'
import { stepBlocks } from './steps/stepRegistry.js'
import { triggerBlocks } from './triggers/triggerBlocks.js'

export const automationStatuses = ['draft', 'active', 'paused'] as const

/** A trigger plus an ordered list of steps; enrollments walk contacts through it. */
export const createAutomationsCollection = (
  options: SanitizedEmailMarketingOptions,
): CollectionConfig =>
  finalizeCollection(
    'automations',
    {
      slug: options.slugs.automations,
      // Other processes see the change through the automations' latest updatedAt (activeTriggers).
      hooks: {
        afterChange: [({ doc, req }) => (forgetActiveTriggers(req.payload), doc)],
        afterDelete: [({ doc, req }) => (forgetActiveTriggers(req.payload), doc)],
      },
      admin: { defaultColumns: ['name', 'status', 'updatedAt'], useAsTitle: 'name' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'name', type: 'text', required: true },
            {
              name: 'key',
              type: 'text',
              admin: {
                description:
                  'Stable name for code: trackEvent / triggerOnChange({ automation: key }).',
              },
              index: true,
              unique: true,
            },
            {
              name: 'status',
              type: 'select',
              defaultValue: 'draft',
              enumName: 'enum_em_automation_status',
              index: true,
              options: automationStatuses.map((value) => ({
                label: value[0].toUpperCase() + value.slice(1),
                value,
              })),
              required: true,
            },
          ],
        },
        {
          name: 'flow',
          type: 'ui',
          admin: {
            components: {
              Field: {
                clientProps: {
                  slugs: {
                    automations: options.slugs.automations,
                    lists: options.slugs.lists,
                    tags: options.slugs.tags,
                    transactionalTemplates: options.slugs.transactionalTemplates,
                  },
                },
                path: 'payload-plugin-email-marketing/client#AutomationFlow',
              },
            },
          },
        },
        {
          name: 'triggers',
          type: 'blocks',
          blocks: triggerBlocks(options),
          labels: { plural: 'Triggers', singular: 'Trigger' },
        },
        {
          name: 'steps',
          type: 'blocks',
          blocks: stepBlocks(options),
          labels: { plural: 'Steps', singular: 'Step' },
        },
        {
          name: 'reentry',
          type: 'group',
          fields: [
            {
              type: 'row',
              fields: [
                {
                  name: 'rule',
                  type: 'select',
                  defaultValue: 'once',
                  enumName: 'enum_em_automation_reentry',
                  options: [
                    { label: 'Once per contact', value: 'once' },
                    { label: 'Every time the trigger fires', value: 'everyTime' },
                    { label: 'Again after N days', value: 'afterDays' },
                  ],
                },
                {
                  name: 'days',
                  type: 'number',
                  admin: { condition: (_, group) => group?.rule === 'afterDays' },
                  defaultValue: 30,
                  min: 1,
                },
              ],
            },
          ],
          label: 'Re-entry',
        },
        conditionsField(options, 'exitConditions', 'Exit when', 'enum_em_auto_exit'),
      ],
      timestamps: true,
    },
    options,
  )
