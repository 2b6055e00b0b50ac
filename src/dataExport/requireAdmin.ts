import type { PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { pluginOptionsOf } from '../pluginContext.js'

/** Only a logged-in user of the admin user collection may export or erase personal data. */
export const requireAdmin = (req: PayloadRequest): void => {
  if (!req.user) throw new APIError('Log in to use this endpoint.', 401)
  if (req.user.collection !== pluginOptionsOf(req.payload).adminUserSlug) {
    throw new APIError('Only admin users may use this endpoint.', 403)
  }
}

/** A positive whole-number route parameter, or a 400. */
export const idParam = (req: PayloadRequest, name = 'id'): number => {
  const value = Number(req.routeParams?.[name])
  if (!Number.isSafeInteger(value) || value <= 0) throw new APIError(`"${String(req.routeParams?.[name])}" is not a valid id.`, 400)
  return value
}
