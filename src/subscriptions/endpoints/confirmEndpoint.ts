import type { Endpoint, PayloadRequest } from 'payload'

import { confirmSubscription, verifyConfirmToken } from '../confirmSubscription.js'
import { hiddenInput, htmlPage, messagePage } from '../page.js'
import { htmlErrors } from './publicErrors.js'
import { clientIp, firstOf, queryParam, readBody, userAgentOf } from './requestInput.js'

const title = 'Confirm your subscription'

/** GET never confirms: mail scanners follow links. It checks the link and shows a button that POSTs. */
const confirmPage = async (req: PayloadRequest): Promise<Response> => {
  const token = queryParam(req, 'token')
  await verifyConfirmToken(req.payload, token)
  return htmlPage(
    title,
    `<p>Please confirm that you want to receive our emails.</p>
    <form method="post">${hiddenInput('token', token!)}<button type="submit">Confirm subscription</button></form>`,
  )
}

/** Only a POST (the page's form, no JavaScript needed) confirms; a second one changes nothing. */
const confirm = async (req: PayloadRequest): Promise<Response> => {
  const body = await readBody(req)
  await confirmSubscription(req.payload, {
    request: { ip: clientIp(req), userAgent: userAgentOf(req) },
    token: queryParam(req, 'token') ?? firstOf(body.token),
  })
  return messagePage('Subscription confirmed', 'Thank you, your subscription is confirmed.')
}

export const confirmEndpoints: Endpoint[] = [
  { handler: htmlErrors(title, confirmPage), method: 'get', path: '/email-marketing/confirm' },
  { handler: htmlErrors(title, confirm), method: 'post', path: '/email-marketing/confirm' },
]
