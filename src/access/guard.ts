import type { PayloadRequest, TypedUser } from 'payload'

import { APIError } from 'payload'

import type { Permission } from '../types.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { isAdminCollectionUser, permissionOptions } from './permissions.js'
import { recordAudit } from './recordAudit.js'

const permissionLabels: Record<Permission, string> = {
  changeContacts: 'change contacts, their lists and tags',
  erase: 'erase contacts',
  export: 'export contact data',
  import: 'import contacts',
  manageCampaigns: 'change or send campaigns',
  readContacts: 'read email marketing data',
  sendOneToOne: 'send 1:1 email',
  sendTransactional: 'send transactional email',
  trackEvents: 'track events',
}

/** Whether the request's user belongs to the admin user collection and has `permission`; never throws. */
export const isPermitted = async (
  req: PayloadRequest,
  permission: Permission,
): Promise<boolean> => {
  const options = pluginOptionsOf(req.payload)
  return (
    isAdminCollectionUser(req, options.adminUserSlug) &&
    (await options.permissions[permission]({ req }))
  )
}

/**
 * The one guard of every non-public plugin endpoint: 401 without a user, 403 for a user of any
 * other auth collection (site customers are not editors), 403 (and an audit entry) when the option
 * behind `permission` refuses an admin user. Returns the user.
 */
export const guard = async (req: PayloadRequest, permission: Permission): Promise<TypedUser> => {
  const options = pluginOptionsOf(req.payload)
  const { user } = req
  if (!user) {
    throw new APIError(
      `Log in as an admin user, or send an API key of one (Authorization: ${options.adminUserSlug} API-Key <key>).`,
      401,
      null,
      true,
    )
  }
  if (!isAdminCollectionUser(req, options.adminUserSlug))
    throw new APIError('Only admin users may use this endpoint.', 403, null, true)
  if (!(await options.permissions[permission]({ req }))) {
    await recordAudit(req, {
      action: 'access.denied',
      details: {
        method: req.method,
        option: permissionOptions[permission],
        path: req.pathname,
        permission,
      },
    })
    throw new APIError(
      `You may not ${permissionLabels[permission]}: the plugin's \`${permissionOptions[permission]}\` option refuses your user.`,
      403,
      null,
      true,
    )
  }
  return user
}
