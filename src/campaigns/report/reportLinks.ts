import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf } from '../../utilities/db.js'
import { tableOf } from '../../utilities/tables.js'

export type LinkClicks = { total: number; unique: number; url: string }

/** Links shown; an email with more distinct links than this is unusual, and the list stays small. */
const maxLinks = 100

/** Clicks per link of one campaign: every click, and recipients who clicked it. */
export const reportLinks = async (payload: Payload, campaignId: number): Promise<LinkClicks[]> => {
  const { slugs } = pluginOptionsOf(payload)
  return rowsOf<LinkClicks>(
    await payload.db.drizzle.execute(sql`
      SELECT e.url, count(*)::int AS total, count(DISTINCT e.message_id)::int AS "unique"
      FROM ${tableOf(payload, slugs.messageEvents)} e JOIN ${tableOf(payload, slugs.messages)} m ON m.id = e.message_id
      WHERE m.campaign_id = ${campaignId} AND e.type = 'clicked' AND e.url IS NOT NULL
      GROUP BY e.url ORDER BY total DESC, e.url LIMIT ${maxLinks}`),
  )
}
