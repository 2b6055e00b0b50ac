import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import { pluginOptionsOf } from '../pluginContext.js'
import { jsonErrors } from '../subscriptions/endpoints/publicErrors.js'
import { basicAuthMatches } from './basicAuth.js'
import { recordPostmarkWebhook } from './recordPostmarkWebhook.js'

const maxBodyBytes = 1024 * 1024

export const postmarkWebhookPath = '/email-marketing/webhooks/postmark'

/** Postmark's webhook target: basic auth from the options, then one event per request. */
export const postmarkWebhookEndpoint: Endpoint = {
  handler: jsonErrors(async (req) => {
    const credentials = pluginOptionsOf(req.payload).webhooks
    if (!credentials || !basicAuthMatches(req.headers.get('authorization'), credentials)) {
      return Response.json(
        { errors: [{ message: 'Unauthorized.' }] },
        { headers: { 'www-authenticate': 'Basic realm="email-marketing-webhooks", charset="UTF-8"' }, status: 401 },
      )
    }
    const text = req.text ? await req.text() : ''
    if (Buffer.byteLength(text) > maxBodyBytes) throw new APIError('The webhook body is too large.', 413)
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw new APIError('Malformed Postmark webhook: the body is not JSON.', 400)
    }
    return Response.json(await recordPostmarkWebhook(req.payload, body))
  }),
  method: 'post',
  path: postmarkWebhookPath,
}
