import type { CollectionConfig, CollectionSlug } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { finalizeCollection } from '../utilities/collectionDefaults.js'
import { contactStatuses } from './contactStatuses.js'
import { emailField } from './emailField.js'
import {
  contactOverviewField,
  contactTimelineField,
  sendEmailAction,
  sendEmailToSelected,
} from '../direct/adminComponents.js'
import { deleteSubscriptionsOf } from '../subscriptions/hooks/deleteSubscriptionsOf.js'
import { publishContactChanges } from '../automations/hooks/publishContactChanges.js'

export const createContactsCollection = (
  options: SanitizedEmailMarketingOptions,
): CollectionConfig =>
  finalizeCollection(
    'contacts',
    {
      slug: options.slugs.contacts,
      admin: {
        defaultColumns: ['email', 'firstName', 'lastName', 'status', 'createdAt'],
        listSearchableFields: ['email', 'firstName', 'lastName', 'company'],
        useAsTitle: 'email',
        components: {
          beforeListTable: [
            sendEmailToSelected(options),
            {
              clientProps: {
                contactImportsSlug: options.slugs.contactImports,
                listsSlug: options.slugs.lists,
                tagsSlug: options.slugs.tags,
              },
              path: 'payload-plugin-email-marketing/client#ContactsToolbar',
            },
          ],
          edit: {
            beforeDocumentControls: [
              sendEmailAction(options, 'contact'),
              'payload-plugin-email-marketing/client#ContactDataActions',
            ],
          },
        },
      },
      fields: [
        contactOverviewField(options),
        contactTimelineField,
        emailField,
        {
          type: 'row',
          fields: [
            { name: 'firstName', type: 'text' },
            { name: 'lastName', type: 'text' },
          ],
        },
        {
          type: 'row',
          fields: [
            { name: 'phone', type: 'text' },
            { name: 'company', type: 'text' },
          ],
        },
        {
          name: 'status',
          type: 'select',
          defaultValue: 'active',
          enumName: 'enum_em_contact_status',
          index: true,
          options: contactStatuses.map((value) => ({
            label: value[0].toUpperCase() + value.slice(1),
            value,
          })),
        },
        {
          name: 'statusReason',
          type: 'text',
          admin: { description: 'Why the status last changed, e.g. the bounce Postmark reported.' },
        },
        {
          name: 'tags',
          type: 'relationship',
          hasMany: true,
          relationTo: options.slugs.tags as CollectionSlug,
        },
        {
          name: 'source',
          type: 'text',
          admin: { description: 'Where the contact came from: form, import, api...' },
        },
        {
          name: 'attributes',
          type: 'json',
          admin: {
            description:
              'Custom fields as JSON, available in templates as {{ contact.attributes.name }}.',
          },
        },
        {
          name: 'consent',
          type: 'group',
          fields: [
            { name: 'at', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
            { name: 'ip', type: 'text' },
            { name: 'userAgent', type: 'text' },
            {
              name: 'form',
              type: 'text',
              admin: { description: 'The form or API call that collected the consent.' },
            },
            { name: 'text', type: 'textarea' },
          ],
        },
        {
          name: 'enrollments',
          type: 'join',
          admin: { defaultColumns: ['automation', 'status', 'stepPath', 'nextRunAt'] },
          collection: options.slugs.enrollments as CollectionSlug,
          on: 'contact',
        },
      ],
      hooks: {
        afterChange: [publishContactChanges],
        beforeDelete: [deleteSubscriptionsOf('contact', options)],
      },
      timestamps: true,
    },
    options,
  )
