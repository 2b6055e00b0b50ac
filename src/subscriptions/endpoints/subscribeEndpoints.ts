import type { Endpoint, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { escapeHtml, hiddenInput, htmlPage, messagePage } from '../page.js'
import { subscribe } from '../subscribe.js'
import { findPublicLists } from '../subscriptionRecords.js'
import { htmlErrors, jsonErrors } from './publicErrors.js'
import {
  allOf,
  clientIp,
  firstOf,
  isJsonRequest,
  queryParam,
  readBody,
  userAgentOf,
} from './requestInput.js'

export const consentTextFor = (listName: string): string =>
  `I agree to receive the ${listName} emails. I can unsubscribe at any time with the link in every email.`

const formPage = async (req: PayloadRequest): Promise<Response> => {
  const slug = queryParam(req, 'list') ?? ''
  const [list] = slug ? await findPublicLists(req.payload, [slug]) : []
  if (!list)
    return messagePage('Subscribe', 'This list does not exist or is not open for sign-ups.', 404)
  const consent = consentTextFor(list.name)
  return htmlPage(
    `Subscribe to ${list.name}`,
    `<form method="post" action="?list=${encodeURIComponent(list.slug)}">
      ${hiddenInput('list', list.slug)}${hiddenInput('form', `subscribe-form:${list.slug}`)}${hiddenInput('consentText', consent)}
      <label for="email">Email address</label>
      <input id="email" name="email" type="email" autocomplete="email" required>
      <label for="firstName">First name (optional)</label>
      <input id="firstName" name="firstName" type="text" autocomplete="given-name">
      <label class="check" for="consent"><input id="consent" name="consent" type="checkbox" value="yes" required> ${escapeHtml(consent)}</label>
      <button type="submit">Subscribe</button>
    </form>`,
  )
}

const handleSubscribe = async (req: PayloadRequest): Promise<Response> => {
  const json = isJsonRequest(req)
  const body = await readBody(req)
  const lists = [...allOf(body.list), ...allOf(body.lists)]
  if (lists.length === 0 && queryParam(req, 'list')) lists.push(queryParam(req, 'list')!)
  if (!json && firstOf(body.consent) !== 'yes')
    throw new APIError('Please tick the box to agree to receive these emails.', 400)
  const result = await subscribe(req.payload, {
    consent: {
      form: firstOf(body.form) ?? (json ? 'api' : 'form'),
      ip: clientIp(req),
      text: firstOf(body.consentText),
      userAgent: userAgentOf(req),
    },
    email: firstOf(body.email),
    firstName: firstOf(body.firstName),
    ip: clientIp(req),
    lastName: firstOf(body.lastName),
    lists,
  })
  return json
    ? Response.json(result)
    : messagePage(result.doubleOptIn ? 'Check your inbox' : 'Subscribed', result.message)
}

export const subscribeEndpoints: Endpoint[] = [
  { handler: htmlErrors('Subscribe', formPage), method: 'get', path: '/email-marketing/subscribe' },
  {
    handler: async (req) =>
      isJsonRequest(req)
        ? jsonErrors(handleSubscribe)(req)
        : htmlErrors('Subscribe', handleSubscribe)(req),
    method: 'post',
    path: '/email-marketing/subscribe',
  },
]
