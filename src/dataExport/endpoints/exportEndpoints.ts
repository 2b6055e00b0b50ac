import type { Endpoint, PayloadRequest, Where } from 'payload'

import { subscriptionStatuses } from '../../subscriptions/subscriptionStatuses.js'
import { sql } from '@payloadcms/db-postgres'
import { APIError } from 'payload'

import { pluginOptionsOf } from '../../pluginContext.js'
import { tableOf } from '../../utilities/db.js'
import { contactColumns, contactPagesIn, contactPagesWhere } from '../contactPages.js'
import { csvResponse } from '../../http/csvResponse.js'
import { guard } from '../../access/guard.js'
import { recordAudit } from '../../access/recordAudit.js'
import { idParam } from '../../http/idParam.js'
import { segmentContactIds } from '../segmentContactIds.js'

const stamp = () => new Date().toISOString().slice(0, 10)

const exportContacts = async (req: PayloadRequest): Promise<Response> => {
  await guard(req, 'export')
  const where = req.query?.where as undefined | Where
  if (where !== undefined && (typeof where !== 'object' || Array.isArray(where))) {
    throw new APIError(
      '`where` must be a Payload where object, e.g. ?where[status][equals]=active.',
      400,
    )
  }
  await recordAudit(req, {
    action: 'export.contacts',
    details: { where: where ?? null },
    target: 'contacts',
  })
  return csvResponse(`contacts-${stamp()}.csv`, contactColumns, contactPagesWhere(req, where))
}

const exportListMembers = async (req: PayloadRequest): Promise<Response> => {
  await guard(req, 'export')
  const listId = idParam(req)
  const { payload } = req
  const { slugs } = pluginOptionsOf(payload)
  const list = await payload.findByID({
    collection: slugs.lists as 'users',
    depth: 0,
    disableErrors: true,
    id: listId,
    overrideAccess: false,
    req,
  })
  if (!list) throw new APIError(`No list with id ${listId}.`, 404)
  const status = req.query?.status
  if (
    status !== undefined &&
    !(subscriptionStatuses as readonly string[]).includes(String(status))
  ) {
    throw new APIError('`status` must be pending, subscribed or unsubscribed.', 400)
  }
  await recordAudit(req, {
    action: 'export.list',
    details: { status: status ?? null },
    target: `lists:${listId}`,
  })
  const subscriptions = tableOf(payload, slugs.subscriptions)
  const statusFilter =
    status === undefined
      ? sql``
      : sql`AND s.status = ${String(status)}::enum_em_subscription_status`
  const ids = sql`SELECT s.contact_id FROM ${subscriptions} s WHERE s.list_id = ${listId} ${statusFilter}`
  const extra = sql`, (SELECT s.status FROM ${subscriptions} s WHERE s.contact_id = c.id AND s.list_id = ${listId}) AS "subscriptionStatus"`
  return csvResponse(
    `list-${listId}-${stamp()}.csv`,
    [...contactColumns, 'subscriptionStatus'],
    contactPagesIn(payload, ids, extra),
  )
}

const exportSegment = async (req: PayloadRequest): Promise<Response> => {
  await guard(req, 'export')
  const segmentId = idParam(req)
  const ids = await segmentContactIds(req, segmentId)
  await recordAudit(req, { action: 'export.segment', target: `segments:${segmentId}` })
  return csvResponse(
    `segment-${segmentId}-${stamp()}.csv`,
    contactColumns,
    contactPagesIn(req.payload, ids),
  )
}

/** CSV exports for admin users with `exportAccess`: all or filtered contacts, a list's members, a segment's contacts. */
export const exportEndpoints: Endpoint[] = [
  { handler: exportContacts, method: 'get', path: '/email-marketing/export/contacts' },
  { handler: exportListMembers, method: 'get', path: '/email-marketing/export/lists/:id' },
  { handler: exportSegment, method: 'get', path: '/email-marketing/export/segments/:id' },
]
