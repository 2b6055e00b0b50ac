import type { CollectionConfig } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { finalizeCollection } from '../utilities/collectionDefaults.js'
import { keepOneDefaultLayout } from './hooks/keepOneDefaultLayout.js'
import { validateLayoutTemplates } from './hooks/validateLayoutTemplates.js'

const hexColor = (value: null | string | undefined) =>
  !value || /^#(?:[0-9a-f]{3}){1,2}$/i.test(value) ? true : 'Use a hex colour such as #2563eb.'

const httpUrl = (value: null | string | undefined) => {
  if (!value) return true
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol) ? true : 'Use an http(s) URL.'
  } catch {
    return 'Use a full URL such as https://example.com/logo.png.'
  }
}

/** The frame around email: header, footer, brand colour and, for marketing, postal address and unsubscribe link. */
export const createLayoutsCollection = (
  options: SanitizedEmailMarketingOptions,
): CollectionConfig =>
  finalizeCollection(
    'layouts',
    {
      slug: options.slugs.layouts,
      admin: {
        defaultColumns: ['name', 'isDefault', 'updatedAt'],
        description:
          'The frame around emails: marketing layouts for campaigns and automations, transactional ones for app and 1:1 emails. The default of each kind is used when a message names none.',
        useAsTitle: 'name',
      },
      fields: [
        { name: 'name', type: 'text', required: true },
        {
          name: 'kind',
          type: 'select',
          admin: {
            description:
              'Marketing layouts frame campaigns and automations (postal address, unsubscribe link); transactional ones frame app and 1:1 emails.',
            position: 'sidebar',
          },
          defaultValue: 'marketing',
          enumName: 'enum_em_layout_kind',
          index: true,
          options: [
            { label: 'Marketing', value: 'marketing' },
            { label: 'Transactional', value: 'transactional' },
          ],
          required: true,
        },
        {
          name: 'isDefault',
          type: 'checkbox',
          admin: {
            description:
              'Used when an email picks no layout. Only one layout of each kind is the default.',
            position: 'sidebar',
          },
          defaultValue: false,
          index: true,
        },
        {
          type: 'row',
          fields: [
            {
              name: 'brandColor',
              type: 'text',
              admin: { placeholder: '#2563eb', width: '30%' },
              validate: hexColor,
            },
            {
              name: 'logoUrl',
              type: 'text',
              admin: { placeholder: 'https://example.com/logo.png', width: '70%' },
              validate: httpUrl,
            },
          ],
        },
        {
          name: 'headerHtml',
          type: 'code',
          admin: {
            description: 'HTML above the content, replacing the logo. Liquid allowed.',
            language: 'html',
          },
        },
        {
          name: 'footerHtml',
          type: 'code',
          admin: {
            description: 'HTML at the top of the footer. Liquid allowed.',
            language: 'html',
          },
        },
        {
          name: 'postalAddress',
          type: 'textarea',
          admin: {
            description:
              "The sender's postal address, shown in every marketing email (anti-spam law requires it).",
          },
          validate: (
            value: null | string | undefined,
            { siblingData }: { siblingData: { kind?: string } },
          ) =>
            siblingData?.kind === 'transactional' ||
            Boolean(value?.trim()) ||
            "Marketing layouts need the sender's postal address.",
        },
        {
          name: 'unsubscribeLabel',
          type: 'text',
          admin: {
            condition: (_, siblings) => siblings?.kind !== 'transactional',
            description:
              'Text of the unsubscribe link; the link itself is {{ unsubscribe_url }}, filled in per contact.',
          },
          defaultValue: 'Unsubscribe',
          required: true,
        },
      ],
      hooks: { afterChange: [keepOneDefaultLayout], beforeValidate: [validateLayoutTemplates] },
      timestamps: true,
    },
    options,
  )
