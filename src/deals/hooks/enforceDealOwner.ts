import type { CollectionBeforeValidateHook } from 'payload'

import { Forbidden } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../../types.js'

import { ownerRestrictionOf } from '../dealAccess.js'
import { idOf } from '../../utilities/idOf.js'

/**
 * Under 'ownerOnly', a user who is not a deal admin creates deals they own and cannot hand a deal
 * to someone else (they would lose access to it mid-edit). Without an owner, a deal belongs to its creator.
 */
export const enforceDealOwner =
  (options: SanitizedEmailMarketingOptions): CollectionBeforeValidateHook =>
  ({ data, operation, req }) => {
    if (!data) return data
    const restrictedTo = ownerRestrictionOf(req, options)
    const requested = idOf(data.owner)
    if (restrictedTo !== null && requested !== null && String(requested) !== String(restrictedTo)) {
      throw new Forbidden(req.t)
    }
    if (
      operation === 'create' &&
      requested === null &&
      req.user?.collection === options.adminUserSlug
    ) {
      return { ...data, owner: req.user.id }
    }
    return data
  }
