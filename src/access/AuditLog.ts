import type { CollectionConfig } from 'payload'

import { APIError } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

import { finalizeCollection } from '../utilities/collectionDefaults.js'
import { auditActions } from './auditActions.js'

const appendOnly = (): never => {
  throw new APIError(
    'The audit log is append-only: entries cannot be changed or deleted.',
    403,
    null,
    true,
  )
}

/**
 * Append-only record of sends, exports, erasures, imports and access denials: readable by admin
 * users (the `access.read` option), created only by the plugin, never updated or deleted, not even
 * through the Local API.
 */
export const createAuditLogCollection = (
  options: SanitizedEmailMarketingOptions,
): CollectionConfig =>
  finalizeCollection(
    'auditLog',
    {
      slug: options.slugs.auditLog,
      access: {
        create: () => false,
        delete: () => false,
        read: options.access.read,
        update: () => false,
      },
      admin: {
        defaultColumns: ['createdAt', 'action', 'userEmail', 'target'],
        useAsTitle: 'action',
      },
      fields: [
        { name: 'action', type: 'select', index: true, options: [...auditActions], required: true },
        { name: 'userId', type: 'text', index: true },
        { name: 'userCollection', type: 'text' },
        { name: 'userEmail', type: 'text' },
        { name: 'viaApiKey', type: 'checkbox', defaultValue: false },
        { name: 'target', type: 'text', index: true },
        { name: 'ip', type: 'text' },
        { name: 'details', type: 'json' },
      ],
      hooks: {
        beforeChange: [({ data, operation }) => (operation === 'update' ? appendOnly() : data)],
        beforeDelete: [appendOnly],
      },
      labels: { plural: 'Audit log', singular: 'Audit entry' },
      timestamps: true,
    },
    options,
  )
