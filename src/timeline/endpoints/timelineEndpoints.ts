import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import { pluginOptionsOf } from '../../pluginContext.js'
import { guard } from '../../access/guard.js'
import { contactTimeline } from '../contactTimeline.js'

const positiveInt = (
  value: unknown,
  fallback: number,
  name: string,
  max = Number.MAX_SAFE_INTEGER,
): number => {
  if (value === undefined || value === null || value === '') return fallback
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1 || number > max) {
    throw new APIError(
      `\`${name}\` must be a whole number of at least 1${max < Number.MAX_SAFE_INTEGER ? ` and at most ${max}` : ''}.`,
      400,
      null,
      true,
    )
  }
  return number
}

/** GET /api/email-marketing/contacts/:id/timeline?page=&limit= for users who may read the contact. */
export const timelineEndpoint: Endpoint = {
  handler: async (req) => {
    await guard(req, 'readContacts')
    const id = positiveInt(req.routeParams?.id, NaN, 'id')
    const contacts = pluginOptionsOf(req.payload).slugs.contacts
    // Payload's access control decides whether this user may see the contact at all.
    const contact = await req.payload.findByID({
      id,
      collection: contacts as 'users',
      depth: 0,
      disableErrors: true,
      overrideAccess: false,
      req,
    })
    if (!contact) throw new APIError('Contact not found.', 404, null, true)
    const page = positiveInt(req.query?.page, 1, 'page')
    const pageSize = positiveInt(req.query?.limit, 20, 'limit', 100)
    return Response.json(await contactTimeline(req.payload, id, { page, pageSize }))
  },
  method: 'get',
  path: '/email-marketing/contacts/:id/timeline',
}
