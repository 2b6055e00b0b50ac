import type { Access, AccessArgs, PayloadRequest, Where } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

/** Under `dealAccess: 'ownerOnly'`, the user whose deals are the only ones visible; null when all are. */
export const ownerRestrictionOf = (
  req: PayloadRequest,
  options: SanitizedEmailMarketingOptions,
): null | number | string => {
  if (options.dealAccess !== 'ownerOnly' || !req.user) return null
  return options.isDealAdmin(req.user as unknown as Record<string, unknown>) ? null : req.user.id
}

const restrictToOwner =
  (base: Access, options: SanitizedEmailMarketingOptions): Access =>
  async (args: AccessArgs) => {
    const allowed = await base(args)
    if (!allowed) return false
    const owner = ownerRestrictionOf(args.req, options)
    if (owner === null) return allowed
    const ownWhere: Where = { owner: { equals: owner } }
    return allowed === true ? ownWhere : { and: [allowed, ownWhere] }
  }

/** Read, update and delete access of deals: the plugin's access, narrowed to the user's own deals under 'ownerOnly'. */
export const dealsAccess = (options: SanitizedEmailMarketingOptions) => ({
  create: options.access.write,
  delete: restrictToOwner(options.access.write, options),
  read: restrictToOwner(options.access.read, options),
  update: restrictToOwner(options.access.write, options),
})
