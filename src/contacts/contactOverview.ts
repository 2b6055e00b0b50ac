import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf } from '../utilities/db.js'
import { arrayTableOf, relsColumnOf, relsTableOf, tableOf } from '../utilities/tables.js'

export type ContactOverview = {
  deals: { id: number; stage: null | string; status: string; title: string }[]
  enrollments: {
    automation: string
    automationId: null | number
    id: number
    nextRunAt: null | string
    status: string
    stepPath: null | string
  }[]
  memberships: {
    consentAt: null | string
    listId: number
    listName: string
    since: null | string
    status: string
  }[]
  tags: { id: number; name: string }[]
}

const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`)

/** What a contact belongs to: lists (status, since, consent), tags, deals and automation enrollments. */
export const contactOverview = async (
  payload: Payload,
  contactId: number,
): Promise<ContactOverview> => {
  const { slugs } = pluginOptionsOf(payload)
  const db = payload.db.drizzle
  const contactRels = relsTableOf(payload, slugs.contacts)
  const dealRels = relsTableOf(payload, slugs.deals)
  const [memberships, tags, deals, enrollments] = await Promise.all([
    db.execute(sql`
      SELECT s.list_id AS "listId", l.name AS "listName", s.status::text AS status,
        ${iso("CASE s.status WHEN 'subscribed' THEN s.subscribed_at WHEN 'pending' THEN s.pending_at ELSE s.unsubscribed_at END")} AS since,
        ${iso('c.consent_at')} AS "consentAt"
      FROM ${tableOf(payload, slugs.subscriptions)} s
      JOIN ${tableOf(payload, slugs.lists)} l ON l.id = s.list_id
      JOIN ${tableOf(payload, slugs.contacts)} c ON c.id = s.contact_id
      WHERE s.contact_id = ${contactId} ORDER BY l.name`),
    db.execute(sql`
      SELECT t.id, t.name FROM ${contactRels} r JOIN ${tableOf(payload, slugs.tags)} t ON t.id = r.${relsColumnOf(payload, slugs.contacts, slugs.tags)}
      WHERE r.parent_id = ${contactId} AND r.path = 'tags' ORDER BY r."order"`),
    db.execute(sql`
      SELECT d.id, d.title, d.status::text AS status,
        (SELECT st.name FROM ${arrayTableOf(payload, slugs.pipelines, 'stages')} st
          WHERE st._parent_id = d.pipeline_id AND st.stage_id = d.stage LIMIT 1) AS stage
      FROM ${tableOf(payload, slugs.deals)} d
      WHERE EXISTS (SELECT 1 FROM ${dealRels} r WHERE r.parent_id = d.id AND r.${relsColumnOf(payload, slugs.deals, slugs.contacts)} = ${contactId})
      ORDER BY d.updated_at DESC LIMIT 50`),
    db.execute(sql`
      SELECT e.id, e.automation_id AS "automationId", coalesce(a.name, 'Deleted automation') AS automation,
        e.status::text AS status, e.step_path AS "stepPath", ${iso('e.next_run_at')} AS "nextRunAt"
      FROM ${tableOf(payload, slugs.enrollments)} e
      LEFT JOIN ${tableOf(payload, slugs.automations)} a ON a.id = e.automation_id
      WHERE e.contact_id = ${contactId} ORDER BY e.updated_at DESC LIMIT 50`),
  ])
  return {
    deals: rowsOf(deals),
    enrollments: rowsOf(enrollments),
    memberships: rowsOf(memberships),
    tags: rowsOf(tags),
  }
}
