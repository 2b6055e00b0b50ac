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

/** The frame around marketing email: header, footer, brand colour, postal address and unsubscribe link. */
export const createLayoutsCollection = (options: SanitizedEmailMarketingOptions): CollectionConfig =>
  finalizeCollection(
    'layouts',
    {
      slug: options.slugs.layouts,
      admin: {
        defaultColumns: ['name', 'isDefault', 'updatedAt'],
        description: 'The frame around campaign and automation emails. The default layout is used when a message names none.',
        useAsTitle: 'name',
      },
      fields: [
        { name: 'name', type: 'text', required: true },
        {
          name: 'isDefault',
          type: 'checkbox',
          admin: { description: 'Used when a campaign or automation picks no layout. Only one layout is the default.', position: 'sidebar' },
          defaultValue: false,
          index: true,
        },
        {
          type: 'row',
          fields: [
            { name: 'brandColor', type: 'text', admin: { placeholder: '#2563eb', width: '30%' }, validate: hexColor },
            { name: 'logoUrl', type: 'text', admin: { placeholder: 'https://example.com/logo.png', width: '70%' }, validate: httpUrl },
          ],
        },
        {
          name: 'headerHtml',
          type: 'code',
          admin: { description: 'HTML above the content, replacing the logo. Liquid allowed.', language: 'html' },
        },
        {
          name: 'footerHtml',
          type: 'code',
          admin: { description: 'HTML at the top of the footer. Liquid allowed.', language: 'html' },
        },
        {
          name: 'postalAddress',
          type: 'textarea',
          admin: { description: "The sender's postal address, shown in every marketing email (anti-spam law requires it)." },
          required: true,
        },
        {
          name: 'unsubscribeLabel',
          type: 'text',
          admin: { description: 'Text of the unsubscribe link; the link itself is {{ unsubscribe_url }}, filled in per contact.' },
          defaultValue: 'Unsubscribe',
          required: true,
        },
      ],
      hooks: { afterChange: [keepOneDefaultLayout], beforeValidate: [validateLayoutTemplates] },
      timestamps: true,
    },
    options,
  )
