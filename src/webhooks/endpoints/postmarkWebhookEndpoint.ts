import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import { pluginOptionsOf } from '../../pluginContext.js'
import { jsonErrors } from '../../subscriptions/endpoints/publicErrors.js'
import { basicAuthMatches } from '../basicAuth.js'
import { recordPostmarkWebhook } from '../recordPostmarkWebhook.js'
import { MalformedWebhookError } from '../webhookFields.js'
import { parseWebhookJson } from '../webhookJson.js'

const maxBodyBytes = 1024 * 1024

export const postmarkWebhookPath = '/email-marketing/webhooks/postmark'

/** Postmark's webhook target: basic auth from the options, then one event per request. */
export const postmarkWebhookEndpoint: Endpoint = {
  handler: jsonErrors(async (req) => {
    const credentials = pluginOptionsOf(req.payload).webhooks
    if (!credentials || !basicAuthMatches(req.headers.get('authorization'), credentials)) {
      return Response.json(
        { errors: [{ message: 'Unauthorized.' }] },
        {
          headers: {
            'www-authenticate': 'Basic realm="email-marketing-webhooks", charset="UTF-8"',
          },
          status: 401,
        },
      )
    }
    const text = req.text ? await req.text() : ''
    try {
      if (Buffer.byteLength(text) > maxBodyBytes)
        throw new APIError('The webhook body is too large.', 413)
      let body: unknown
      try {
        body = parseWebhookJson(text)
      } catch (error) {
        throw new MalformedWebhookError(`the body is not JSON (${(error as Error).message}).`)
      }
      return Response.json(await recordPostmarkWebhook(req.payload, body))
    } catch (error) {
      // Postmark retries a refused webhook and then gives up: the reason must be in the log.
      if (error instanceof APIError && error.status < 500) {
        req.payload.logger.warn({
          body: text.slice(0, 2000),
          msg: `email-marketing: Postmark webhook rejected (${error.status}): ${error.message}`,
        })
      }
      throw error
    }
  }),
  method: 'post',
  path: postmarkWebhookPath,
}
