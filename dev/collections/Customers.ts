import type { Access, CollectionConfig } from 'payload'

/** A customer sees and changes only their own account; admin users see all. */
const ownAccountOrAdmin: Access = ({ req }) => {
  const collection = req.user?.collection as string | undefined
  if (collection === 'customers') return { id: { equals: req.user!.id } }
  return collection === 'users'
}

/**
 * Shop customers: a second auth collection with public self-registration, as most sites that send
 * email have. They are not editors: the plugin refuses them everywhere.
 */
export const Customers: CollectionConfig = {
  slug: 'customers',
  access: {
    create: () => true,
    delete: ownAccountOrAdmin,
    read: ownAccountOrAdmin,
    update: ownAccountOrAdmin,
  },
  admin: { useAsTitle: 'email' },
  auth: true,
  fields: [{ name: 'name', type: 'text' }],
}
