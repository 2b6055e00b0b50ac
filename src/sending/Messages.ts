import type { CollectionConfig, CollectionSlug, Field } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { finalizeCollection } from '../utilities/collectionDefaults.js'
import { messageKinds, messageStatuses } from './messageStatuses.js'

const labelOf = (value: string) =>
  value.replace(/([A-Z])/g, ' $1').replace(/^./, (first) => first.toUpperCase())

const dateTime = (name: string, extra: Partial<Field> = {}): Field =>
  ({ name, type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } }, ...extra }) as Field

/**
 * The outbox and the email log: every email is a row here before anything is sent. Workers claim
 * rows with FOR UPDATE SKIP LOCKED (see claimMessages.ts); editors can read the log, not edit it.
 */
export const createMessagesCollection = (
  options: SanitizedEmailMarketingOptions,
): CollectionConfig =>
  finalizeCollection(
    'messages',
    {
      slug: options.slugs.messages,
      access: { create: () => false, delete: () => false, update: () => false },
      admin: {
        defaultColumns: ['toAddress', 'subject', 'kind', 'status', 'sentAt', 'createdAt'],
        description: 'Every email the plugin sends, with its delivery status. Read-only.',
        listSearchableFields: ['toAddress', 'subject', 'postmarkMessageId', 'dedupeKey'],
        useAsTitle: 'subject',
      },
      fields: [
        {
          name: 'renderedEmail',
          type: 'ui',
          admin: { components: { Field: 'payload-plugin-email-marketing/client#MessageView' } },
        },
        {
          type: 'row',
          fields: [
            {
              name: 'kind',
              type: 'select',
              enumName: 'enum_em_message_kind',
              options: messageKinds.map((value) => ({ label: labelOf(value), value })),
              required: true,
            },
            {
              name: 'status',
              type: 'select',
              defaultValue: 'queued',
              enumName: 'enum_em_message_status',
              options: messageStatuses.map((value) => ({ label: labelOf(value), value })),
              required: true,
            },
            { name: 'stream', type: 'text', required: true },
          ],
        },
        {
          name: 'contact',
          type: 'relationship',
          index: true,
          relationTo: options.slugs.contacts as CollectionSlug,
        },
        {
          type: 'row',
          fields: [
            {
              name: 'campaign',
              type: 'relationship',
              relationTo: options.slugs.campaigns as CollectionSlug,
            },
            {
              name: 'variant',
              type: 'number',
              admin: { description: 'A/B variant of the campaign (0 = A).' },
            },
          ],
        },
        {
          type: 'row',
          fields: [
            // Indexed for erasure and data export, which look a person's mail up by address.
            { name: 'toAddress', type: 'text', index: true, required: true },
            { name: 'cc', type: 'text' },
            { name: 'bcc', type: 'text' },
          ],
        },
        {
          type: 'row',
          fields: [
            { name: 'fromAddress', type: 'text', required: true },
            { name: 'fromName', type: 'text' },
            { name: 'replyTo', type: 'text' },
          ],
        },
        {
          name: 'subject',
          type: 'text',
          // Campaign rows store the campaign's Liquid subject; the rendered one is shown above.
          admin: { condition: (data) => data?.kind !== 'campaign' },
        },
        // The stored source; the rendered email above is what editors read.
        {
          type: 'collapsible',
          admin: { initCollapsed: true },
          fields: [
            {
              type: 'tabs',
              tabs: [
                {
                  label: 'HTML',
                  fields: [{ name: 'html', type: 'code', admin: { language: 'html' } }],
                },
                { label: 'Text', fields: [{ name: 'text', type: 'textarea' }] },
                {
                  label: 'Postmark template',
                  fields: [
                    { name: 'templateAlias', type: 'text' },
                    { name: 'templateModel', type: 'json' },
                  ],
                },
                {
                  label: 'Extras',
                  fields: [
                    { name: 'tag', type: 'text' },
                    { name: 'metadata', type: 'json' },
                    {
                      name: 'headers',
                      type: 'json',
                      admin: {
                        description: 'Extra headers as [{ "Name": "...", "Value": "..." }].',
                      },
                    },
                    { name: 'attachments', type: 'json' },
                  ],
                },
              ],
            },
          ],
          label: 'Source (HTML, text, template, headers)',
        },
        dateTime('sentAt', {
          admin: { date: { pickerAppearance: 'dayAndTime' }, position: 'sidebar' },
        }),
        dateTime('bodyPrunedAt', {
          admin: {
            date: { pickerAppearance: 'dayAndTime' },
            description:
              'The retention policy removed the HTML, text, template model and attachments of this email then. Its status and delivery facts remain.',
            position: 'sidebar',
          },
        }),
        { name: 'postmarkMessageId', type: 'text', admin: { position: 'sidebar' } },
        { name: 'lastError', type: 'textarea', admin: { position: 'sidebar' } },
        {
          name: 'events',
          type: 'group',
          admin: { description: 'Delivery facts reported by Postmark webhooks.' },
          fields: [
            {
              type: 'row',
              fields: [
                dateTime('deliveredAt'),
                dateTime('openedAt'),
                { name: 'openCount', type: 'number', defaultValue: 0 },
                dateTime('clickedAt'),
                { name: 'clickCount', type: 'number', defaultValue: 0 },
                dateTime('bouncedAt'),
              ],
            },
          ],
        },
        // Outbox bookkeeping: what the workers need, not what an editor reads; collapsed below the email.
        {
          type: 'collapsible',
          admin: { initCollapsed: true },
          fields: [
            {
              name: 'dedupeKey',
              type: 'text',
              admin: {
                description: 'A second enqueue with the same key is a no-op.',
              },
              unique: true,
            },
            {
              name: 'priority',
              type: 'number',
              admin: {
                description: '0 is claimed before 1 (transactional before broadcast).',
              },
              defaultValue: 0,
              required: true,
            },
            {
              name: 'attempts',
              type: 'number',
              defaultValue: 0,
              required: true,
            },
            dateTime('nextAttemptAt', {
              admin: { date: { pickerAppearance: 'dayAndTime' } },
            }),
            dateTime('leaseUntil', {
              admin: { date: { pickerAppearance: 'dayAndTime' } },
            }),
            dateTime('claimedAt', {
              admin: { date: { pickerAppearance: 'dayAndTime' } },
            }),
          ],
          label: 'Delivery internals (dedupe key, priority, attempts, lease)',
        },
        // Payload's own updatedAt is indexed; nothing here queries it, and every status change would pay for it.
        {
          name: 'updatedAt',
          type: 'date',
          admin: { disableBulkEdit: true, hidden: true },
          label: ({ t }) => t('general:updatedAt'),
        },
      ],
      // The outbox's own indexes are partial ones, declared in messageIndexes.ts.
      timestamps: true,
    },
    options,
  )
