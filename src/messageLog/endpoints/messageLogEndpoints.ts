import type { Endpoint, PayloadRequest } from 'payload'

import { guard } from '../../access/guard.js'
import { answeringErrors } from '../../errors/toApiError.js'
import { idParam } from '../../http/idParam.js'
import { pluginOptionsOf } from '../../pluginContext.js'
import { renderedMessage } from '../renderedMessage.js'

/** A message of the log as its recipient saw it (subject, body) and what happened to it since. */
const rendered = async (req: PayloadRequest): Promise<Response> => {
  const user = await guard(req, 'readContacts')
  const id = idParam(req)
  const message = await req.payload.findByID({
    collection: pluginOptionsOf(req.payload).slugs.messages as 'users',
    depth: 0,
    id,
    overrideAccess: false,
    req,
    user,
  })
  return answeringErrors(async () =>
    Response.json(await renderedMessage(req.payload, id, message as never)),
  )
}

export const messageLogEndpoints: Endpoint[] = [
  { handler: rendered, method: 'get', path: '/email-marketing/messages/:id/rendered' },
]
