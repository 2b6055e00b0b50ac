import type { CollectionSlug, Endpoint, PayloadRequest } from 'payload'

import { pluginOptionsOf } from '../../pluginContext.js'
import { escapeHtml, hiddenInput, htmlPage } from '../page.js'
import { subscriptionsOf } from '../subscriptionRecords.js'
import { unsubscribeContact } from '../unsubscribeContact.js'
import { verifyUnsubscribeToken } from '../verifyUnsubscribeToken.js'
import { htmlErrors } from './publicErrors.js'
import { allOf, firstOf, queryParam, readBody } from './requestInput.js'

const title = 'Email preferences'

const activeListsOf = async (
  req: PayloadRequest,
  contactId: number,
): Promise<{ id: number; name: string }[]> => {
  const active = [...(await subscriptionsOf(req.payload, contactId)).entries()].filter(
    ([, row]) => row.status !== 'unsubscribed',
  )
  if (active.length === 0) return []
  const lists = await req.payload.find({
    collection: pluginOptionsOf(req.payload).slugs.lists as CollectionSlug,
    depth: 0,
    pagination: false,
    sort: 'name',
    where: { id: { in: active.map(([listId]) => listId) } },
  })
  return (lists.docs as unknown as { id: number; name: string }[]).map(({ id, name }) => ({
    id,
    name,
  }))
}

const render = async (
  req: PayloadRequest,
  token: string,
  contactId: number,
  notice?: string,
): Promise<Response> => {
  const lists = await activeListsOf(req, contactId)
  const status = notice ? `<p role="status">${escapeHtml(notice)}</p>` : ''
  if (lists.length === 0)
    return htmlPage(title, `${status}<p>You are not subscribed to any list.</p>`)
  const boxes = lists
    .map(
      (list) =>
        `<label class="check" for="list-${list.id}"><input id="list-${list.id}" type="checkbox" name="keep" value="${list.id}" checked> ${escapeHtml(list.name)}</label>`,
    )
    .join('')
  return htmlPage(
    title,
    `${status}<form method="post">${hiddenInput('token', token)}
      <fieldset><legend>Keep me subscribed to</legend>${boxes}</fieldset>
      <button type="submit" name="action" value="save">Save preferences</button>
      <button type="submit" name="action" value="all" class="secondary">Unsubscribe from everything</button>
    </form>`,
  )
}

const showPreferences = async (req: PayloadRequest): Promise<Response> => {
  const token = queryParam(req, 'token')
  const claims = await verifyUnsubscribeToken(req.payload, token)
  return render(req, token!, claims.contactId)
}

const savePreferences = async (req: PayloadRequest): Promise<Response> => {
  const body = await readBody(req)
  const token = queryParam(req, 'token') ?? firstOf(body.token)
  const claims = await verifyUnsubscribeToken(req.payload, token)
  const reason = `Preference page (message ${claims.messageId})`
  if (firstOf(body.action) === 'all') {
    await unsubscribeContact(req.payload, { contactId: claims.contactId, reason })
    return render(req, token!, claims.contactId, 'You are unsubscribed from everything.')
  }
  const keep = new Set(allOf(body.keep).map(Number))
  const leave = (await activeListsOf(req, claims.contactId))
    .map((list) => list.id)
    .filter((id) => !keep.has(id))
  if (leave.length > 0)
    await unsubscribeContact(req.payload, { contactId: claims.contactId, listIds: leave, reason })
  return render(req, token!, claims.contactId, 'Your preferences are saved.')
}

export const preferencesEndpoints: Endpoint[] = [
  {
    handler: htmlErrors(title, showPreferences),
    method: 'get',
    path: '/email-marketing/preferences',
  },
  {
    handler: htmlErrors(title, savePreferences),
    method: 'post',
    path: '/email-marketing/preferences',
  },
]
