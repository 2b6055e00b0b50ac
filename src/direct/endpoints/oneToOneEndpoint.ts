import type { Endpoint } from 'payload'

import { guard } from '../../access/guard.js'
import { recordAudit } from '../../access/recordAudit.js'
import { toApiError } from '../../errors/toApiError.js'
import { sendOneToOne } from '../sendOneToOne.js'
import { oneToOneArgsOf } from './oneToOneArgs.js'

/**
 * POST /api/email-marketing/one-to-one
 * `{ contact, deal?, to?, subject, body (Lexical state, HTML or text) | template, dedupeKey? }`, sent as the logged-in user.
 */
export const oneToOneEndpoint: Endpoint = {
  handler: async (req) => {
    const user = await guard(req, 'sendOneToOne')
    const args = await oneToOneArgsOf(req, user)
    try {
      const result = await sendOneToOne(req.payload, args)
      if (!result.duplicate) {
        await recordAudit(req, {
          action: 'oneToOne.send',
          details: {
            deal: args.deal ?? null,
            messageId: result.messageId,
            status: result.status,
          },
          target: `contacts:${args.contact}`,
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
