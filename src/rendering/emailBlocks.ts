import type { Block, CollectionSlug, Field, RichTextField, SelectField } from 'payload'

import { lexicalEditor } from '@payloadcms/richtext-lexical'

const alignField = (defaultValue: 'center' | 'left'): SelectField => ({
  name: 'align',
  type: 'select',
  defaultValue,
  options: [
    { label: 'Left', value: 'left' },
    { label: 'Center', value: 'center' },
    { label: 'Right', value: 'right' },
  ],
})

export interface EmailBlocksOptions {
  /**
   * Editor for the two column fields. Defaults to Lexical's default features: host configs need not
   * set a root `editor`, and a nested rich text field without one is a config error in Payload.
   */
  columnEditor?: RichTextField['editor']
  /**
   * The site's upload collection: the image block then takes an upload from it or a URL, exactly
   * one of them. Without it, images take a URL only.
   */
  uploadCollection?: string
}

type ImageSiblings = { src?: null | string; upload?: unknown }

const hasUpload = (siblings: ImageSiblings | undefined): boolean =>
  siblings?.upload !== undefined && siblings.upload !== null && siblings.upload !== ''
const hasUrl = (siblings: ImageSiblings | undefined): boolean =>
  typeof siblings?.src === 'string' && siblings.src.trim() !== ''

/** The image's source: an upload or a URL (exactly one) with a collection, a required URL without. */
const imageSourceFields = (uploadCollection: string | undefined): Field[] => {
  if (!uploadCollection) return [{ name: 'src', type: 'text', required: true, label: 'Image URL' }]
  return [
    {
      name: 'upload',
      type: 'upload',
      admin: { description: 'An image from the site, or an image URL below: one of them.' },
      label: 'Image',
      relationTo: uploadCollection as CollectionSlug,
      validate: (_value: unknown, { siblingData }: { siblingData?: ImageSiblings }) =>
        hasUpload(siblingData) || hasUrl(siblingData) || 'Choose an image or enter an image URL.',
    },
    {
      name: 'src',
      type: 'text',
      label: 'Image URL',
      validate: (_value: unknown, { siblingData }: { siblingData?: ImageSiblings }) =>
        !(hasUpload(siblingData) && hasUrl(siblingData)) ||
        'Use the chosen image or an image URL, not both: clear one of them.',
    },
  ]
}

/**
 * Block configs for `BlocksFeature({ blocks: emailBlocks })`. Slugs match the converters in
 * `emailBlockConverters.ts`. Images take a plain URL (`src`), or an upload when the site has an
 * upload collection (resolved to its absolute URL before rendering, see imageUploads.ts).
 */
export function createEmailBlocks(options: EmailBlocksOptions = {}): Block[] {
  const column = (name: 'left' | 'right', label: string) =>
    ({ name, type: 'richText', editor: options.columnEditor ?? lexicalEditor(), label }) as const

  return [
    {
      slug: 'button',
      labels: { singular: 'Button', plural: 'Buttons' },
      fields: [
        { name: 'label', type: 'text', required: true },
        {
          name: 'url',
          type: 'text',
          required: true,
          label: 'URL',
          admin: { description: 'Liquid allowed, e.g. {{ site_url }}' },
        },
        {
          name: 'color',
          type: 'text',
          admin: { description: 'Background colour, e.g. #2563eb. Defaults to the brand colour.' },
        },
        alignField('left'),
      ],
    },
    {
      slug: 'image',
      labels: { singular: 'Image', plural: 'Images' },
      fields: [
        ...imageSourceFields(options.uploadCollection),
        { name: 'alt', type: 'text', label: 'Alt text' },
        {
          name: 'width',
          type: 'number',
          min: 1,
          max: 536,
          admin: { description: 'Display width in px (max 536).' },
        },
        { name: 'href', type: 'text', label: 'Link URL' },
        alignField('center'),
      ],
    },
    {
      slug: 'divider',
      labels: { singular: 'Divider', plural: 'Dividers' },
      fields: [],
    },
    {
      slug: 'spacer',
      labels: { singular: 'Spacer', plural: 'Spacers' },
      fields: [
        {
          name: 'height',
          type: 'number',
          required: true,
          defaultValue: 24,
          min: 0,
          max: 200,
          label: 'Height (px)',
        },
      ],
    },
    {
      slug: 'twoColumns',
      labels: { singular: 'Two columns', plural: 'Two columns' },
      fields: [column('left', 'Left column'), column('right', 'Right column')],
    },
  ]
}

export const emailBlocks: Block[] = createEmailBlocks()
