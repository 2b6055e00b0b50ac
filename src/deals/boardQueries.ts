import type { CollectionSlug, Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedEmailMarketingOptions } from '../types.js'
import type { DealStatus } from './dealStatuses.js'

import { arrayParam, rowsOf } from '../utilities/db.js'
import { arrayTableOf, columnOf, relsColumnOf, relsTableOf, tableOf } from '../utilities/tables.js'

export type BoardFilters = {
  owner: null | number | string
  pipelineId: number | string
  status: DealStatus | null
}

export type BoardCard = {
  contactCount: number
  contactLabel: null | string
  currency: string
  id: number
  ownerId: null | number
  ownerLabel: null | string
  stageId: string
  status: DealStatus
  title: string
  value: number
}

export type StageTotal = {
  count: number
  currency: string
  stageId: string
  value: number
  weighted: number
}

/** The column holding the admin user's title (`admin.useAsTitle`, else email), for card owner labels. */
const ownerLabelColumn = (payload: Payload, options: SanitizedEmailMarketingOptions) => {
  const users = payload.collections[options.adminUserSlug as CollectionSlug]?.config
  const title = users?.admin?.useAsTitle
  const topLevel = users?.flattenedFields.some(
    (field) => field.name === title && field.type === 'text',
  )
  return columnOf(
    payload,
    options.adminUserSlug,
    title && topLevel ? title : users?.auth ? 'email' : 'id',
  )
}

const tables = (payload: Payload, options: SanitizedEmailMarketingOptions) => ({
  contacts: tableOf(payload, options.slugs.contacts),
  contactsColumn: relsColumnOf(payload, options.slugs.deals, options.slugs.contacts),
  deals: tableOf(payload, options.slugs.deals),
  rels: relsTableOf(payload, options.slugs.deals),
  stages: arrayTableOf(payload, options.slugs.pipelines, 'stages'),
  users: tableOf(payload, options.adminUserSlug),
})

const whereFilters = (filters: BoardFilters) =>
  sql`d.pipeline_id = ${Number(filters.pipelineId)}
    ${filters.status ? sql`AND d.status = ${filters.status}::enum_em_deal_status` : sql``}
    ${filters.owner !== null ? sql`AND d.owner_id = ${Number(filters.owner)}` : sql``}`

/** Count, value and win-probability-weighted value per stage and currency, in one aggregate. */
export const stageTotals = async (
  payload: Payload,
  options: SanitizedEmailMarketingOptions,
  filters: BoardFilters,
): Promise<StageTotal[]> => {
  const t = tables(payload, options)
  return rowsOf<StageTotal>(
    await payload.db.drizzle.execute(sql`
      SELECT d.stage AS "stageId", d.currency, count(*)::int AS count,
        coalesce(sum(d.value), 0)::float8 AS value,
        coalesce(sum(d.value * coalesce(ps.win_probability, 0) / 100.0), 0)::float8 AS weighted
      FROM ${t.deals} d
      LEFT JOIN ${t.stages} ps ON ps._parent_id = d.pipeline_id AND ps.stage_id = d.stage
      WHERE ${whereFilters(filters)}
      GROUP BY d.stage, d.currency
      ORDER BY d.stage, count(*) DESC`),
  )
}

/**
 * One page of cards for each of `stageIds` (newest first), in one query. Asks for one card more than
 * `limit` per stage so the caller knows whether a "load more" is needed. `afterId` continues a page.
 */
export const stageCards = async (
  payload: Payload,
  options: SanitizedEmailMarketingOptions,
  filters: BoardFilters,
  { afterId, limit, stageIds }: { afterId?: number; limit: number; stageIds: string[] },
): Promise<BoardCard[]> => {
  const t = tables(payload, options)
  return rowsOf<BoardCard>(
    await payload.db.drizzle.execute(sql`
      SELECT s.stage_id AS "stageId", c.*
      FROM unnest(${arrayParam(stageIds)}::text[]) WITH ORDINALITY AS s(stage_id, position)
      CROSS JOIN LATERAL (
        SELECT d.id, d.title, d.value::float8 AS value, d.currency, d.status,
          d.owner_id AS "ownerId", u.${ownerLabelColumn(payload, options)}::text AS "ownerLabel",
          (SELECT coalesce(nullif(trim(concat_ws(' ', ct.first_name, ct.last_name)), ''), ct.email)
             FROM ${t.rels} r JOIN ${t.contacts} ct ON ct.id = r.${t.contactsColumn}
             WHERE r.parent_id = d.id AND r.path = 'contacts' ORDER BY r."order" LIMIT 1) AS "contactLabel",
          (SELECT count(*)::int FROM ${t.rels} r WHERE r.parent_id = d.id AND r.path = 'contacts') AS "contactCount"
        FROM ${t.deals} d
        LEFT JOIN ${t.users} u ON u.id = d.owner_id
        WHERE ${whereFilters(filters)} AND d.stage = s.stage_id ${afterId ? sql`AND d.id < ${afterId}` : sql``}
        ORDER BY d.id DESC
        LIMIT ${limit + 1}
      ) c
      ORDER BY s.position, c.id DESC`),
  )
}

/** Everyone who owns a deal in the pipeline, for the owner filter. */
export const pipelineOwners = async (
  payload: Payload,
  options: SanitizedEmailMarketingOptions,
  filters: BoardFilters,
) => {
  const t = tables(payload, options)
  return rowsOf<{ id: number; label: string }>(
    await payload.db.drizzle.execute(sql`
      SELECT u.id, u.${ownerLabelColumn(payload, options)}::text AS label
      FROM ${t.users} u
      WHERE EXISTS (SELECT 1 FROM ${t.deals} d WHERE d.owner_id = u.id AND d.pipeline_id = ${Number(filters.pipelineId)}
        ${filters.owner !== null ? sql`AND d.owner_id = ${Number(filters.owner)}` : sql``})
      ORDER BY label`),
  )
}
