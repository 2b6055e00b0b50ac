import type { Endpoint, PayloadRequest } from 'payload'

import { escapeHtml, hiddenInput, htmlPage, messagePage } from '../page.js'
import { unsubscribeContact } from '../unsubscribeContact.js'
import { publicEndpointUrl } from '../unsubscribeLinks.js'
import { verifyUnsubscribeToken } from '../verifyUnsubscribeToken.js'
import { htmlErrors } from './publicErrors.js'
import { firstOf, queryParam, readBody } from './requestInput.js'

const title = 'Unsubscribe'

/** GET never changes anything: mail scanners follow links. The page asks before unsubscribing. */
const confirmPage = async (req: PayloadRequest): Promise<Response> => {
  const token = queryParam(req, 'token')
  await verifyUnsubscribeToken(req.payload, token)
  const preferences = publicEndpointUrl(req.payload, 'preferences', { token: token! })
  return htmlPage(
    title,
    `<p>Do you want to stop receiving our marketing emails?</p>
    <form method="post">${hiddenInput('token', token!)}<button type="submit">Unsubscribe from all emails</button></form>
    <p>Or <a href="${escapeHtml(preferences)}">choose which lists you want to leave</a>.</p>`,
  )
}

/** RFC 8058: a POST with `List-Unsubscribe=One-Click` unsubscribes without a page; the page form does the same. */
const unsubscribeFromAll = async (req: PayloadRequest): Promise<Response> => {
  const body = await readBody(req)
  const token = queryParam(req, 'token') ?? firstOf(body.token)
  const claims = await verifyUnsubscribeToken(req.payload, token)
  const oneClick = firstOf(body['List-Unsubscribe']) === 'One-Click'
  await unsubscribeContact(req.payload, {
    contactId: claims.contactId,
    reason: oneClick
      ? `One-click unsubscribe (message ${claims.messageId})`
      : `Unsubscribe link (message ${claims.messageId})`,
  })
  if (oneClick)
    return new Response('Unsubscribed.', {
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      status: 200,
    })
  return messagePage('You are unsubscribed', 'You will not receive our marketing emails any more.')
}

export const unsubscribeEndpoints: Endpoint[] = [
  { handler: htmlErrors(title, confirmPage), method: 'get', path: '/email-marketing/unsubscribe' },
  {
    handler: htmlErrors(title, unsubscribeFromAll),
    method: 'post',
    path: '/email-marketing/unsubscribe',
  },
]
