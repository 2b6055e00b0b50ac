import type { Endpoint } from 'payload'

import { confirmSubscription } from '../confirmSubscription.js'
import { messagePage } from '../page.js'
import { htmlErrors } from './publicErrors.js'
import { clientIp, queryParam, userAgentOf } from './requestInput.js'

export const confirmEndpoint: Endpoint = {
  handler: htmlErrors('Confirm your subscription', async (req) => {
    await confirmSubscription(req.payload, {
      request: { ip: clientIp(req), userAgent: userAgentOf(req) },
      token: queryParam(req, 'token'),
    })
    return messagePage('Subscription confirmed', 'Thank you, your subscription is confirmed.')
  }),
  method: 'get',
  path: '/email-marketing/confirm',
}
