import type { Access, PayloadRequest } from 'payload'

import type {
  EmailMarketingPluginOptions,
  EndpointAccess,
  Permission,
  Permissions,
} from '../types.js'

/** True only for a logged-in user (or API key) of the admin user collection: site customers are not editors. */
export const isAdminCollectionUser = (req: PayloadRequest, adminUserSlug: string): boolean =>
  Boolean(req.user) && req.user?.collection === adminUserSlug

/** The collection access of the plugin: the admin user collection first, then the site's own rule (if any). */
export const adminCollectionOnly =
  (adminUserSlug: string, access?: Access): Access =>
  (args) => {
    if (!isAdminCollectionUser(args.req, adminUserSlug)) return false
    return access ? access(args) : true
  }

const fromAccess =
  (access: Access): EndpointAccess =>
  async ({ req }) =>
    Boolean(await access({ req }))

/**
 * Every permission from the options, with safe defaults: reading follows `access.read`, sending and
 * changing follow `access.write` (both default to users of the admin user collection).
 */
export const resolvePermissions = (
  options: EmailMarketingPluginOptions,
  access: { read: Access; write: Access },
): Permissions => ({
  changeContacts: fromAccess(access.write),
  erase: options.eraseAccess ?? fromAccess(access.write),
  export: options.exportAccess ?? fromAccess(access.read),
  import: options.importAccess ?? fromAccess(access.write),
  manageCampaigns: options.campaignAccess ?? fromAccess(access.write),
  readContacts: fromAccess(access.read),
  sendOneToOne: options.oneToOneAccess ?? fromAccess(access.write),
  sendTransactional: options.transactionalAccess ?? fromAccess(access.write),
  trackEvents: options.eventsAccess ?? fromAccess(access.write),
})

/** The option that grants each permission, named in refusals and the README. */
export const permissionOptions: Record<Permission, string> = {
  changeContacts: 'access.write',
  erase: 'eraseAccess',
  export: 'exportAccess',
  import: 'importAccess',
  manageCampaigns: 'campaignAccess',
  readContacts: 'access.read',
  sendOneToOne: 'oneToOneAccess',
  sendTransactional: 'transactionalAccess',
  trackEvents: 'eventsAccess',
}
