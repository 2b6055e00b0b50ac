import type { CollectionConfig } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { finalizeCollection } from '../utilities/collectionDefaults.js'
import { isEmailAddress } from '../utilities/isEmailAddress.js'
import { slugify } from '../utilities/slugify.js'
import { refuseDeletingUsedAudience } from '../campaigns/hooks/refuseDeletingUsedAudience.js'
import { attachSubscriberCounts } from './hooks/attachSubscriberCounts.js'
import { deleteSubscriptionsOf } from '../subscriptions/hooks/deleteSubscriptionsOf.js'

export const createListsCollection = (options: SanitizedEmailMarketingOptions): CollectionConfig =>
  finalizeCollection(
    'lists',
    {
      slug: options.slugs.lists,
      admin: {
        defaultColumns: ['name', 'subscribers', 'doubleOptIn', 'public'],
        useAsTitle: 'name',
      },
      fields: [
        { name: 'name', type: 'text', required: true },
        {
          name: 'slug',
          type: 'text',
          admin: { description: 'Used in subscribe forms. Filled from the name when left empty.' },
          hooks: {
            beforeValidate: [
              ({ data, value }) =>
                value ? slugify(String(value)) : slugify(String(data?.name ?? '')),
            ],
          },
          index: true,
          unique: true,
        },
        { name: 'description', type: 'textarea' },
        {
          type: 'row',
          fields: [
            {
              name: 'doubleOptIn',
              type: 'checkbox',
              admin: {
                description: 'New subscribers confirm by email before they receive campaigns.',
              },
              defaultValue: true,
            },
            {
              name: 'public',
              type: 'checkbox',
              admin: { description: 'Visible on subscribe forms and the preference page.' },
              defaultValue: false,
            },
          ],
        },
        {
          type: 'row',
          fields: [
            {
              name: 'fromName',
              type: 'text',
              admin: { description: 'Default sender name for campaigns to this list.' },
            },
            {
              name: 'fromEmail',
              type: 'text',
              admin: { description: 'Default sender address for campaigns to this list.' },
              validate: (value: null | string | undefined) =>
                !value || isEmailAddress(value) || `"${value}" is not a valid email address.`,
            },
          ],
        },
        {
          name: 'subscribers',
          type: 'json',
          admin: {
            components: {
              Cell: 'payload-plugin-email-marketing/client#SubscriberCountsCell',
              Field: 'payload-plugin-email-marketing/client#ListMembers',
            },
            custom: { contactsSlug: options.slugs.contacts },
            readOnly: true,
          },
          label: 'Members',
          virtual: true,
        },
      ],
      hooks: {
        afterOperation: [attachSubscriberCounts],
        beforeDelete: [refuseDeletingUsedAudience('list'), deleteSubscriptionsOf('list', options)],
      },
      timestamps: true,
    },
    options,
  )
