import type { PayloadRequest } from 'payload'

import { APIError } from 'payload'

/** A positive whole-number route parameter, or a 400. */
export const idParam = (req: PayloadRequest, name = 'id'): number => {
  const value = Number(req.routeParams?.[name])
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new APIError(`"${String(req.routeParams?.[name])}" is not a valid id.`, 400)
  return value
}
