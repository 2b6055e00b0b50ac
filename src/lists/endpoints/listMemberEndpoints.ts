import type { Endpoint, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { APIError } from 'payload'

import { guard } from '../../access/guard.js'
import { recordAudit } from '../../access/recordAudit.js'
import { applyBulkAction } from '../../contacts/bulk/applyBulkAction.js'
import { InvalidInputError } from '../../errors/InvalidInputError.js'
import { answeringErrors } from '../../errors/toApiError.js'
import { idParam } from '../../http/idParam.js'
import { readJsonBody } from '../../http/requestBody.js'
import { pluginOptionsOf } from '../../pluginContext.js'
import {
  subscriptionStatuses,
  type SubscriptionStatus,
} from '../../subscriptions/subscriptionStatuses.js'
import { arrayParam, rowsOf } from '../../utilities/db.js'
import { tableOf } from '../../utilities/tables.js'
import { listMembers } from '../listMembers.js'

const maxPerRequest = 1000

/** The list of the route, if this user may read it; 404 otherwise. */
const readableList = async (req: PayloadRequest): Promise<number> => {
  const id = idParam(req)
  const list = await req.payload.findByID({
    collection: pluginOptionsOf(req.payload).slugs.lists as 'users',
    depth: 0,
    disableErrors: true,
    id,
    overrideAccess: false,
    req,
  })
  if (!list) throw new APIError(`No list with id ${id}.`, 404, null, true)
  return id
}

const wholeNumber = (value: unknown, name: string, fallback: number, max: number): number => {
  if (value === undefined || value === '') return fallback
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1 || number > max)
    throw new InvalidInputError(`\`${name}\` must be a whole number from 1 to ${max}.`)
  return number
}

/** GET /api/email-marketing/lists/:id/members?search=&status=&page=&limit= */
const membersEndpoint: Endpoint = {
  handler: (req) =>
    answeringErrors(async () => {
      await guard(req, 'readContacts')
      const listId = await readableList(req)
      const { search, status } = req.query ?? {}
      if (
        status !== undefined &&
        status !== '' &&
        !(subscriptionStatuses as readonly unknown[]).includes(status)
      )
        throw new InvalidInputError('`status` must be pending, subscribed or unsubscribed.')
      if (search !== undefined && (typeof search !== 'string' || search.length > 254))
        throw new InvalidInputError('`search` must be text of at most 254 characters.')
      return Response.json(
        await listMembers(req.payload, listId, {
          limit: wholeNumber(req.query?.limit, 'limit', 25, 100),
          page: wholeNumber(req.query?.page, 'page', 1, 1_000_000),
          search: typeof search === 'string' && search.trim() ? search.trim() : undefined,
          status: status ? (status as SubscriptionStatus) : undefined,
        }),
      )
    }),
  method: 'get',
  path: '/email-marketing/lists/:id/members',
}

const stringList = (value: unknown, name: string): string[] => {
  if (!Array.isArray(value) || value.length === 0 || value.some((item) => typeof item !== 'string'))
    throw new InvalidInputError(`\`${name}\` must be a non-empty array of email addresses.`)
  if (value.length > maxPerRequest)
    throw new InvalidInputError(
      `\`${name}\` may hold at most ${maxPerRequest} addresses; import a file for more.`,
    )
  return [...new Set((value as string[]).map((item) => item.trim().toLowerCase()))]
}

/**
 * POST /api/email-marketing/lists/:id/members { emails }: subscribes existing, active contacts.
 * Unknown or inactive addresses are a 400 that names them, and nothing changes; members already on
 * the list (unsubscribed ones included) are left as they are.
 */
const addMembersEndpoint: Endpoint = {
  handler: (req) =>
    answeringErrors(async () => {
      await guard(req, 'changeContacts')
      const listId = await readableList(req)
      const emails = stringList((await readJsonBody(req)).emails, 'emails')
      const contacts = tableOf(req.payload, pluginOptionsOf(req.payload).slugs.contacts)
      const found = rowsOf<{ email: string; id: number; status: string }>(
        await req.payload.db.drizzle.execute(sql`
          SELECT id, email, status::text AS status FROM ${contacts} WHERE email = ANY(${arrayParam(emails)}::text[])`),
      )
      const unknown = emails.filter((email) => !found.some((row) => row.email === email))
      if (unknown.length > 0)
        throw new InvalidInputError(
          `No contact has the address ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}.`,
        )
      const inactive = found.filter((row) => row.status !== 'active')
      if (inactive.length > 0)
        throw new InvalidInputError(
          `${inactive
            .map((row) => `${row.email} is ${row.status}`)
            .slice(0, 5)
            .join(', ')}: only active contacts can be added to a list.`,
        )
      const ids = found.map((row) => row.id)
      const result = await applyBulkAction(
        req.payload,
        { list: listId, name: 'subscribe' },
        { ids },
        ids.length,
      )
      await recordAudit(req, {
        action: 'list.members',
        details: { added: result.changed, requested: ids.length },
        target: `lists:${listId}`,
      })
      return Response.json({ added: result.changed, alreadyMembers: ids.length - result.changed })
    }),
  method: 'post',
  path: '/email-marketing/lists/:id/members',
}

/** POST /api/email-marketing/lists/:id/members/remove { contacts }: unsubscribes them from the list (the row stays, so an import cannot add them back). */
const removeMembersEndpoint: Endpoint = {
  handler: (req) =>
    answeringErrors(async () => {
      await guard(req, 'changeContacts')
      const listId = await readableList(req)
      const value = (await readJsonBody(req)).contacts
      if (
        !Array.isArray(value) ||
        value.length === 0 ||
        value.length > maxPerRequest ||
        value.some((id) => !Number.isSafeInteger(id) || (id as number) < 1)
      )
        throw new InvalidInputError(
          `\`contacts\` must be a non-empty array of at most ${maxPerRequest} contact ids.`,
        )
      const ids = [...new Set(value as number[])]
      const subscriptions = tableOf(req.payload, pluginOptionsOf(req.payload).slugs.subscriptions)
      const [{ members }] = rowsOf<{ members: number }>(
        await req.payload.db.drizzle.execute(sql`
          SELECT count(*)::int AS members FROM ${subscriptions} WHERE list_id = ${listId} AND contact_id = ANY(${arrayParam(ids)}::int[])`),
      )
      if (members !== ids.length)
        throw new InvalidInputError(`${ids.length - members} of the contacts are not on this list.`)
      const result = await applyBulkAction(
        req.payload,
        { list: listId, name: 'unsubscribe' },
        { ids },
        ids.length,
      )
      await recordAudit(req, {
        action: 'list.members',
        details: { removed: result.changed },
        target: `lists:${listId}`,
      })
      return Response.json({ removed: result.changed })
    }),
  method: 'post',
  path: '/email-marketing/lists/:id/members/remove',
}

export const listMemberEndpoints: Endpoint[] = [
  membersEndpoint,
  addMembersEndpoint,
  removeMembersEndpoint,
]
