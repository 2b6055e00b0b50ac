import type { CollectionAfterOperationHook, Field } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../../pluginContext.js'
import { arrayParam, rowsOf } from '../../utilities/db.js'
import { tableOf } from '../../utilities/tables.js'
import { eventConditions, sentStatuses } from './recipientEvents.js'

const listOnly = { components: { Field: false as const }, disableListFilter: true, readOnly: true }

/**
 * Columns of the campaigns list, computed for the whole page of campaigns in one query
 * (campaignListStats); never stored, never shown on the form.
 */
export const campaignListFields: Field[] = [
  {
    name: 'sentAt',
    type: 'date',
    admin: { ...listOnly, date: { pickerAppearance: 'dayAndTime' } },
    label: 'Sent at',
    virtual: true,
  },
  { name: 'recipients', type: 'number', admin: listOnly, virtual: true },
  {
    name: 'openRate',
    type: 'number',
    admin: {
      ...listOnly,
      components: {
        ...listOnly.components,
        Cell: 'payload-plugin-email-marketing/client#RateCell',
      },
    },
    virtual: true,
  },
  {
    name: 'clickRate',
    type: 'number',
    admin: {
      ...listOnly,
      components: {
        ...listOnly.components,
        Cell: 'payload-plugin-email-marketing/client#RateCell',
      },
    },
    virtual: true,
  },
]

type ListStats = {
  clicked: number
  id: number
  opened: number
  recipients: number
  sent: number
  sentAt: null | string
}

type CampaignDoc = {
  clickRate?: null | number
  id: number | string
  openRate?: null | number
  recipients?: number
  sentAt?: null | string
  status?: string
}

const rate = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null

/**
 * Fills the list columns of every campaign a user's list read returned with one grouped query over the
 * message log (drafts have no messages and are skipped), so a page of campaigns costs one
 * statement however many there are.
 */
export const campaignListStats: CollectionAfterOperationHook = async ({
  operation,
  req,
  result,
}) => {
  // Lists only, and only for people: the send machinery reads campaigns by id many times a second.
  if (operation !== 'find' || !req.user) return result
  const docs = ((result as { docs?: CampaignDoc[] }).docs ?? []) as CampaignDoc[]
  const ids = docs.filter((doc) => doc.status !== 'draft').map((doc) => Number(doc.id))
  const { payload } = req
  const stats = new Map<number, ListStats>()
  if (ids.length > 0) {
    const conditions = eventConditions(payload)
    const rows = rowsOf<ListStats>(
      await payload.db.drizzle.execute(sql`
        SELECT m.campaign_id AS id, count(*)::int AS recipients,
          count(*) FILTER (WHERE m.status IN ${sentStatuses})::int AS sent,
          count(*) FILTER (WHERE ${conditions.opened})::int AS opened,
          count(*) FILTER (WHERE ${conditions.clicked})::int AS clicked,
          to_char(min(m.sent_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "sentAt"
        FROM ${tableOf(payload, pluginOptionsOf(payload).slugs.messages)} m
        WHERE m.campaign_id = ANY(${arrayParam(ids)}::int[]) GROUP BY m.campaign_id`),
    )
    for (const row of rows) stats.set(row.id, row)
  }
  for (const doc of docs) {
    const row = stats.get(Number(doc.id))
    doc.sentAt = row?.sentAt ?? null
    doc.recipients = row?.recipients ?? 0
    doc.openRate = row ? rate(row.opened, row.sent) : null
    doc.clickRate = row ? rate(row.clicked, row.sent) : null
  }
  return result
}
