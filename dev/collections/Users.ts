import type { CollectionConfig } from 'payload'

/**
 * Admin users of the dev app; the plugin's collections are only open to them. `useAPIKey` lets a
 * backend send transactional email and track events as a user (`Authorization: users API-Key <key>`).
 */
export const Users: CollectionConfig = {
  slug: 'users',
  admin: { useAsTitle: 'email' },
  auth: { useAPIKey: true },
  fields: [
    { name: 'name', type: 'text' },
    {
      name: 'roles',
      type: 'select',
      admin: {
        description:
          'Admins see every deal when the plugin runs with dealAccess: ownerOnly; sales users only their own.',
      },
      hasMany: true,
      options: [
        { label: 'Admin', value: 'admin' },
        { label: 'Sales', value: 'sales' },
        { label: 'Mailer (API key: transactional email and events only)', value: 'mailer' },
      ],
    },
  ],
}
