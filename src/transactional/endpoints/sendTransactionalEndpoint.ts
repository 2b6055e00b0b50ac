import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import { sendTransactional } from '../sendTransactional.js'
import { guard } from '../../access/guard.js'
import { toApiError } from '../../errors/toApiError.js'
import { optionalString, readJsonBody, requiredString } from '../../http/requestBody.js'

const stringRecord = (value: unknown, key: string): Record<string, string> | undefined => {
  if (value === undefined || value === null) return undefined
  if (
    typeof value !== 'object' ||
    Array.isArray(value) ||
    Object.values(value).some((entry) => typeof entry !== 'string')
  ) {
    throw new APIError(`\`${key}\` must be an object of strings.`, 400, null, true)
  }
  return value as Record<string, string>
}

/**
 * POST /api/email-marketing/transactional
 * `{ template, to, data?, dedupeKey?, cc?, bcc?, tag?, metadata?, attachments? }` → `{ messageId, status, duplicate }`.
 */
export const sendTransactionalEndpoint: Endpoint = {
  handler: async (req) => {
    await guard(req, 'sendTransactional')
    const body = await readJsonBody(req)
    const data = body.data ?? {}
    if (typeof data !== 'object' || Array.isArray(data))
      throw new APIError('`data` must be an object.', 400, null, true)
    if (body.attachments !== undefined && !Array.isArray(body.attachments))
      throw new APIError('`attachments` must be an array.', 400, null, true)
    try {
      const result = await sendTransactional(req.payload, {
        attachments: body.attachments as never,
        bcc: optionalString(body, 'bcc'),
        cc: optionalString(body, 'cc'),
        data: data as Record<string, unknown>,
        dedupeKey: optionalString(body, 'dedupeKey'),
        metadata: stringRecord(body.metadata, 'metadata'),
        req,
        tag: optionalString(body, 'tag'),
        template: requiredString(body, 'template'),
        to: requiredString(body, 'to'),
      })
      return Response.json(result, { status: result.duplicate ? 200 : 201 })
    } catch (error) {
      throw toApiError(error)
    }
  },
  method: 'post',
  path: '/email-marketing/transactional',
}
