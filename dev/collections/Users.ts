import type { CollectionConfig } from 'payload'

/** Admin users of the dev app; the plugin's collections are only open to them. */
export const Users: CollectionConfig = {
  slug: 'users',
  admin: { useAsTitle: 'email' },
  auth: true,
  fields: [{ name: 'name', type: 'text' }],
}
