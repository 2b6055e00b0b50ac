import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import { guard } from '../../access/guard.js'
import { recordAudit } from '../../access/recordAudit.js'
import { toApiError } from '../../errors/toApiError.js'
import { optionalString, readJsonBody } from '../../http/requestBody.js'
import { sendOneToOne } from '../sendOneToOne.js'

const idParam = (value: unknown, key: string): number | string | undefined => {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'number' || (typeof value === 'string' && /^[\w-]+$/.test(value)))
    return value
  throw new APIError(`\`${key}\` must be an id.`, 400, null, true)
}

/**
 * POST /api/email-marketing/one-to-one
 * `{ contact, deal?, to?, subject, body (Lexical state, HTML or text) | template, dedupeKey? }`, sent as the logged-in user.
 */
export const oneToOneEndpoint: Endpoint = {
  handler: async (req) => {
    const user = await guard(req, 'sendOneToOne')
    const body = await readJsonBody(req)
    const contact = idParam(body.contact, 'contact')
    if (contact === undefined) throw new APIError('`contact` is required.', 400, null, true)
    if (
      body.body !== undefined &&
      typeof body.body !== 'string' &&
      (typeof body.body !== 'object' || !body.body || !('root' in body.body))
    ) {
      throw new APIError('`body` must be HTML, text or a Lexical editor state.', 400, null, true)
    }
    try {
      const result = await sendOneToOne(req.payload, {
        body: body.body as never,
        contact,
        deal: idParam(body.deal, 'deal'),
        dedupeKey: optionalString(body, 'dedupeKey'),
        req,
        subject: optionalString(body, 'subject'),
        template: idParam(body.template, 'template'),
        to: optionalString(body, 'to'),
        user,
      })
      if (!result.duplicate) {
        await recordAudit(req, {
          action: 'oneToOne.send',
          details: { deal: body.deal ?? null, messageId: result.messageId, status: result.status },
          target: `contacts:${contact}`,
        })
      }
      return Response.json(result, { status: result.duplicate ? 200 : 201 })
    } catch (error) {
      throw toApiError(error)
    }
  },
  method: 'post',
  path: '/email-marketing/one-to-one',
}
