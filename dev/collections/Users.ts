import type { CollectionConfig } from 'payload'

/** Admin users of the dev app; the plugin's collections are only open to them. */
export const Users: CollectionConfig = {
  slug: 'users',
  admin: { useAsTitle: 'email' },
  auth: true,
  fields: [
    { name: 'name', type: 'text' },
    {
      name: 'roles',
      type: 'select',
      admin: { description: 'Admins see every deal when the plugin runs with dealAccess: ownerOnly; sales users only their own.' },
      hasMany: true,
      options: [
        { label: 'Admin', value: 'admin' },
        { label: 'Sales', value: 'sales' },
      ],
    },
  ],
}
