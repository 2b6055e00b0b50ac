import type { CollectionConfig, CollectionSlug, Field } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { emailContentEditor } from '../rendering/emailContentEditor.js'
import { finalizeCollection } from '../utilities/collectionDefaults.js'
import { validateTemplateSyntax } from './hooks/validateTemplateSyntax.js'
import { templateModes } from './templateTypes.js'

const whenMode =
  (...modes: string[]) =>
  (data: Record<string, unknown> | undefined) =>
    modes.includes(String(data?.mode ?? 'richText'))

const variablesField: Field = {
  name: 'variables',
  type: 'array',
  admin: {
    description:
      'The data this template expects. A send without a required variable is refused and nothing is queued.',
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'name',
          type: 'text',
          admin: { description: 'Top-level key of `data`, or a dotted path (order.number).' },
          required: true,
        },
        { name: 'required', type: 'checkbox', defaultValue: true },
        {
          name: 'sampleValue',
          type: 'text',
          admin: { description: 'Used by the preview when sample data lacks it.' },
        },
      ],
    },
    { name: 'description', type: 'text' },
  ],
}

/**
 * Templates for transactional email sent from code (`sendTransactional`) and collection hooks
 * (`sendOnChange`): Liquid subject and body in Lexical or raw HTML, or a Postmark template alias.
 * `layoutsSlug` is set when the plugin's layouts collection is part of the config.
 */
export const createTransactionalTemplatesCollection = (
  options: SanitizedEmailMarketingOptions,
  { layoutsSlug }: { layoutsSlug?: string } = {},
): CollectionConfig =>
  finalizeCollection(
    'transactionalTemplates',
    {
      slug: options.slugs.transactionalTemplates,
      admin: {
        defaultColumns: ['name', 'slug', 'mode', 'updatedAt'],
        description:
          'Emails your app sends one at a time (order confirmation, password reset). Never an unsubscribe link.',
        useAsTitle: 'name',
      },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'name', type: 'text', required: true },
            {
              name: 'slug',
              type: 'text',
              admin: { description: 'What code passes as `template`.' },
              index: true,
              required: true,
              unique: true,
            },
          ],
        },
        {
          name: 'mode',
          type: 'select',
          defaultValue: 'richText',
          enumName: 'enum_em_transactional_mode',
          options: templateModes.map((value) => ({
            label: { html: 'Raw HTML', postmark: 'Postmark template', richText: 'Rich text' }[
              value
            ],
            value,
          })),
          required: true,
        },
        {
          name: 'subject',
          type: 'text',
          admin: {
            condition: whenMode('richText', 'html'),
            description: 'Liquid, e.g. Order {{ orderNumber }} is confirmed',
          },
        },
        { name: 'preheader', type: 'text', admin: { condition: whenMode('richText', 'html') } },
        {
          name: 'body',
          type: 'richText',
          admin: { condition: whenMode('richText') },
          editor: emailContentEditor(),
        },
        {
          name: 'html',
          type: 'code',
          admin: { condition: whenMode('html'), language: 'html' },
          label: 'HTML body',
        },
        ...(layoutsSlug
          ? [
              {
                name: 'layout',
                type: 'relationship',
                admin: {
                  condition: whenMode('richText', 'html'),
                  description:
                    'A transactional layout; the default transactional layout when empty.',
                },
                filterOptions: { kind: { equals: 'transactional' } },
                relationTo: layoutsSlug as CollectionSlug,
              } as Field,
            ]
          : []),
        {
          name: 'postmarkTemplateAlias',
          type: 'text',
          admin: {
            condition: whenMode('postmark'),
            description:
              'Alias of a template kept in Postmark; `data` is sent as its TemplateModel.',
          },
        },
        variablesField,
        {
          name: 'sampleData',
          type: 'json',
          admin: { description: 'Example `data` for the preview and for "Send a test".' },
        },
        {
          name: 'preview',
          type: 'ui',
          admin: {
            components: { Field: 'payload-plugin-email-marketing/client#SendEmailTemplatePreview' },
          },
        },
      ],
      hooks: { beforeValidate: [validateTemplateSyntax] },
      timestamps: true,
    },
    options,
  )
