import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import { guard } from '../../access/guard.js'
import { idParam } from '../../http/idParam.js'
import { pluginOptionsOf } from '../../pluginContext.js'
import { contactOverview } from '../contactOverview.js'

/** GET /api/email-marketing/contacts/:id/overview: lists, tags, deals and enrollments of a contact the user may read. */
export const contactOverviewEndpoint: Endpoint = {
  handler: async (req) => {
    await guard(req, 'readContacts')
    const id = idParam(req)
    const contact = await req.payload.findByID({
      collection: pluginOptionsOf(req.payload).slugs.contacts as 'users',
      depth: 0,
      disableErrors: true,
      id,
      overrideAccess: false,
      req,
    })
    if (!contact) throw new APIError('Contact not found.', 404, null, true)
    return Response.json(await contactOverview(req.payload, id))
  },
  method: 'get',
  path: '/email-marketing/contacts/:id/overview',
}
