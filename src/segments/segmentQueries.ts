import type { CollectionSlug, Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../utilities/db.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { rowsOf } from '../utilities/db.js'
import { compileConditions } from './compileConditions.js'
import type { ConditionContext, SegmentConditions } from './conditionTypes.js'
import { segmentTablesOf } from './segmentTables.js'

/** A segment's id, or a rule tree (e.g. the unsaved form state, or an automation step's rules). */
export type SegmentRef = number | SegmentConditions | string

/** The stored rule tree of a segment, read through the Local API (so a missing id is a NotFound). */
export const loadSegmentConditions = async (
  payload: Payload,
  segmentId: number | string,
): Promise<SegmentConditions> => {
  const segment = await payload.findByID({
    collection: pluginOptionsOf(payload).slugs.segments as CollectionSlug,
    depth: 0,
    id: segmentId,
  })
  return segment as unknown as SegmentConditions
}

const conditionsOf = async (payload: Payload, ref: SegmentRef): Promise<SegmentConditions> =>
  typeof ref === 'object' ? ref : loadSegmentConditions(payload, ref)

/**
 * `SELECT c.id FROM contacts c WHERE <rules>`: the contacts a segment holds right now, as a
 * subquery for set-based work (`INSERT ... SELECT`, `id IN (...)`). Async only to load a segment by id.
 */
export const segmentContactsQuery = async (
  payload: Payload,
  ref: SegmentRef,
  context?: ConditionContext,
): Promise<SQL> => {
  const where = compileConditions(payload, await conditionsOf(payload, ref), { context })
  return sql`SELECT c.id FROM ${segmentTablesOf(payload).contacts} c WHERE ${where}`
}

/** How many contacts match a segment now. */
export const countSegment = async (
  payload: Payload,
  ref: SegmentRef,
  context?: ConditionContext,
): Promise<number> => {
  const where = compileConditions(payload, await conditionsOf(payload, ref), { context })
  const result = await payload.db.drizzle.execute(
    sql`SELECT count(*)::int AS count FROM ${segmentTablesOf(payload).contacts} c WHERE ${where}`,
  )
  return rowsOf<{ count: number }>(result)[0].count
}

/** Whether one contact matches the rules (automation if/else, goals and exit conditions). */
export const contactMatchesConditions = async (
  payload: Payload,
  contactId: number,
  ref: SegmentRef,
  context?: ConditionContext,
): Promise<boolean> => {
  const where = compileConditions(payload, await conditionsOf(payload, ref), { context })
  const result = await payload.db.drizzle.execute(
    sql`SELECT EXISTS (SELECT 1 FROM ${segmentTablesOf(payload).contacts} c WHERE c.id = ${contactId}::int AND ${where}) AS matches`,
  )
  return rowsOf<{ matches: boolean }>(result)[0].matches
}
