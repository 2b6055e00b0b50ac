import type { CollectionConfig, CollectionSlug, Field } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { finalizeCollection } from '../utilities/collectionDefaults.js'
import { dedupeModes, importStatuses } from './importStatuses.js'

const counter = (name: string): Field => ({
  name,
  type: 'number',
  admin: { readOnly: true },
  defaultValue: 0,
})

const labelOf = (value: string) => value[0].toUpperCase() + value.slice(1)

/**
 * An import job: the uploaded CSV (kept on disk in `imports.uploadDir`), how its columns map to
 * contact fields, what to apply to every imported contact, and the progress of the worker that
 * streams it into contacts in set-based chunks (see processImport.ts).
 */
export const createContactImportsCollection = (
  options: SanitizedEmailMarketingOptions,
): CollectionConfig =>
  finalizeCollection(
    'contactImports',
    {
      slug: options.slugs.contactImports,
      admin: {
        defaultColumns: [
          'filename',
          'status',
          'rowsRead',
          'inserted',
          'updated',
          'rejected',
          'createdAt',
        ],
        description: 'Upload a CSV, save, map its columns, then start the import.',
        useAsTitle: 'filename',
      },
      fields: [
        {
          name: 'importControls',
          type: 'ui',
          admin: {
            components: { Field: 'payload-plugin-email-marketing/client#ContactImportControls' },
          },
        },
        {
          name: 'status',
          type: 'select',
          admin: {
            components: { Field: 'payload-plugin-email-marketing/client#ImportStatusField' },
            position: 'sidebar',
            readOnly: true,
          },
          defaultValue: 'draft',
          enumName: 'enum_em_import_status',
          index: true,
          options: importStatuses.map((value) => ({ label: labelOf(value), value })),
          required: true,
        },
        {
          name: 'dedupe',
          type: 'select',
          admin: { description: 'What to do with a row whose address is already a contact.' },
          defaultValue: 'update',
          enumName: 'enum_em_import_dedupe',
          options: [
            { label: 'Update the existing contact', value: 'update' },
            { label: 'Skip the row', value: 'skip' },
          ],
          required: true,
          validate: (value: unknown) =>
            dedupeModes.includes(value as never) || 'Choose update or skip.',
        },
        {
          type: 'row',
          fields: [
            {
              name: 'lists',
              type: 'relationship',
              hasMany: true,
              relationTo: options.slugs.lists as CollectionSlug,
            },
            {
              name: 'listStatus',
              type: 'select',
              defaultValue: 'subscribed',
              enumName: 'enum_em_import_list_status',
              options: [
                { label: 'Subscribed', value: 'subscribed' },
                { label: 'Pending', value: 'pending' },
              ],
            },
            {
              name: 'tags',
              type: 'relationship',
              hasMany: true,
              relationTo: options.slugs.tags as CollectionSlug,
            },
          ],
        },
        {
          name: 'publishEvents',
          type: 'checkbox',
          admin: {
            description:
              'Publish list.subscribed and tag.added for each imported contact, so automations start for them. One event per contact: much slower on big files.',
          },
          defaultValue: false,
          label: 'Trigger automations',
        },
        {
          name: 'consent',
          type: 'group',
          fields: [
            {
              name: 'source',
              type: 'text',
              admin: { description: 'Where these contacts agreed, e.g. "2024 trade show".' },
            },
            {
              name: 'text',
              type: 'textarea',
              admin: { description: 'The consent wording they agreed to.' },
            },
          ],
        },
        {
          name: 'mapping',
          type: 'json',
          admin: {
            description:
              'CSV header -> email | firstName | lastName | phone | company | attributes.<name> | ignore.',
            hidden: true,
          },
        },
        {
          type: 'row',
          fields: [
            counter('rowsRead'),
            counter('inserted'),
            counter('updated'),
            counter('skipped'),
            counter('rejected'),
          ],
        },
        {
          name: 'checkpoint',
          type: 'number',
          admin: {
            description: 'Data rows committed so far; a resumed import starts after it.',
            readOnly: true,
          },
          defaultValue: 0,
        },
        { name: 'bytesRead', type: 'number', admin: { hidden: true }, defaultValue: 0 },
        { name: 'leaseUntil', type: 'date', admin: { hidden: true }, index: true },
        { name: 'error', type: 'textarea', admin: { readOnly: true } },
        {
          type: 'row',
          fields: [
            {
              name: 'startedAt',
              type: 'date',
              admin: { date: { pickerAppearance: 'dayAndTime' }, readOnly: true },
            },
            {
              name: 'finishedAt',
              type: 'date',
              admin: { date: { pickerAppearance: 'dayAndTime' }, readOnly: true },
            },
          ],
        },
      ],
      timestamps: true,
      upload: { staticDir: options.imports.uploadDir },
    },
    options,
  )
