import type { CollectionConfig } from 'payload'

import { randomBytes } from 'node:crypto'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { finalizeCollection } from '../utilities/collectionDefaults.js'
import { slugify } from '../utilities/slugify.js'

/** A readable, stable id for a new stage: renaming the stage later does not change it. */
const newStageId = (name: unknown): string =>
  `${slugify(String(name ?? '')) || 'stage'}-${randomBytes(3).toString('hex')}`

export const createPipelinesCollection = (
  options: SanitizedEmailMarketingOptions,
): CollectionConfig =>
  finalizeCollection(
    'pipelines',
    {
      slug: options.slugs.pipelines,
      admin: { defaultColumns: ['name', 'updatedAt'], useAsTitle: 'name' },
      fields: [
        { name: 'name', type: 'text', required: true },
        {
          name: 'stages',
          type: 'array',
          admin: { description: 'In board order, left to right.' },
          fields: [
            {
              type: 'row',
              fields: [
                { name: 'name', type: 'text', required: true },
                {
                  name: 'winProbability',
                  type: 'number',
                  admin: { description: 'Percent, 0-100: weights the column value on the board.' },
                  defaultValue: 0,
                  max: 100,
                  min: 0,
                  required: true,
                },
                {
                  name: 'stageId',
                  type: 'text',
                  admin: { description: 'Generated; deals point at it.', readOnly: true },
                  hooks: {
                    beforeChange: [
                      ({ siblingData, value }) => value || newStageId(siblingData?.name),
                    ],
                  },
                  index: true,
                },
              ],
            },
          ],
          minRows: 1,
          required: true,
        },
      ],
      timestamps: true,
    },
    options,
  )
