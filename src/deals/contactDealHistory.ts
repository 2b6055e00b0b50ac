import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf } from '../utilities/db.js'
import { arrayTableOf, relsColumnOf, relsTableOf, tableOf } from '../utilities/tables.js'

export type ContactDealChange = {
  at: string
  byId: null | number
  dealId: number
  dealTitle: string
  fromStage: null | string
  fromStageName: null | string
  status: string
  toStage: string
  toStageName: null | string
}

/** A contact's deal stage and status changes, newest first, for the contact timeline. */
export const contactDealHistory = async (
  payload: Payload,
  contactId: number,
  { limit = 50 } = {},
): Promise<ContactDealChange[]> => {
  const { slugs } = pluginOptionsOf(payload)
  const contactsColumn = relsColumnOf(payload, slugs.deals, slugs.contacts)
  const stages = arrayTableOf(payload, slugs.pipelines, 'stages')
  return rowsOf<ContactDealChange>(
    await payload.db.drizzle.execute(sql`
      SELECT h.at, h.by_id AS "byId", d.id AS "dealId", d.title AS "dealTitle", h.from_stage AS "fromStage",
        fs.name AS "fromStageName", h.status, h.to_stage AS "toStage", ts.name AS "toStageName"
      FROM ${relsTableOf(payload, slugs.deals)} r
      JOIN ${tableOf(payload, slugs.deals)} d ON d.id = r.parent_id
      JOIN ${arrayTableOf(payload, slugs.deals, 'history')} h ON h._parent_id = d.id
      LEFT JOIN ${stages} fs ON fs._parent_id = d.pipeline_id AND fs.stage_id = h.from_stage
      LEFT JOIN ${stages} ts ON ts._parent_id = d.pipeline_id AND ts.stage_id = h.to_stage
      WHERE r.path = 'contacts' AND r.${contactsColumn} = ${contactId}
      ORDER BY h.at DESC, h._order DESC
      LIMIT ${limit}`),
  )
}
