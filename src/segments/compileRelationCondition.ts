import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../utilities/db.js'
import type { CompileScope } from './compileScope.js'

import { type SegmentCondition, SegmentConditionError } from './conditionTypes.js'
import { requireDays, requireId } from './conditionValues.js'

export const compileTag = (
  condition: SegmentCondition,
  path: string,
  { contact, tables }: CompileScope,
): SQL => {
  const tagId = requireId(condition.tag, 'a tag', path, 'tag')
  const hasTag = sql`EXISTS (SELECT 1 FROM ${tables.contactsRels} seg_r
    WHERE seg_r.parent_id = ${contact}.id AND seg_r.path = 'tags' AND seg_r.${tables.tagsColumn} = ${tagId}::int)`
  if (condition.operator === 'hasTag') return hasTag
  if (condition.operator === 'notHasTag') return sql`NOT ${hasTag}`
  throw new SegmentConditionError(`"${condition.operator}" does not apply to tags.`, path)
}

export const compileListStatus = (
  condition: SegmentCondition,
  path: string,
  { contact, tables }: CompileScope,
): SQL => {
  const listId = requireId(condition.list, 'a list', path, 'list')
  const withStatus = (status: string) => sql`EXISTS (SELECT 1 FROM ${tables.subscriptions} seg_s
    WHERE seg_s.contact_id = ${contact}.id AND seg_s.list_id = ${listId}::int AND seg_s.status = ${status})`
  switch (condition.operator) {
    case 'notSubscribed':
      return sql`NOT ${withStatus('subscribed')}`
    case 'pending':
    case 'subscribed':
    case 'unsubscribed':
      return withStatus(condition.operator)
    default:
      throw new SegmentConditionError(
        `"${condition.operator}" does not apply to list subscriptions.`,
        path,
      )
  }
}

const messageId = (condition: SegmentCondition, path: string, scope: CompileScope): number => {
  const id = condition.messageId ?? scope.messageId
  if (id === undefined || id === null) {
    throw new SegmentConditionError(
      'give a message id (automations pass the previous email of the run).',
      path,
      'messageId',
    )
  }
  return requireId(id, 'a message', path, 'messageId')
}

export const compileEngagement = (
  condition: SegmentCondition,
  path: string,
  scope: CompileScope,
): SQL => {
  const { contact, now, tables } = scope
  const engaged = (event: 'clicked' | 'opened', where: SQL) => {
    const column = event === 'opened' ? sql`seg_m.events_opened_at` : sql`seg_m.events_clicked_at`
    return sql`EXISTS (SELECT 1 FROM ${tables.messages} seg_m
      WHERE seg_m.contact_id = ${contact}.id AND ${column} IS NOT NULL AND ${where})`
  }
  // "Any email within N days" reads the per-contact facts (the latest first open or click of any of
  // the contact's emails), one row per contact instead of every message.
  const engagedWithin = (column: SQL) =>
    sql`EXISTS (SELECT 1 FROM ${tables.engagement} seg_e WHERE seg_e.contact_id = ${contact}.id
      AND ${column} >= ${now} - make_interval(days => ${requireDays(condition, path)}::int))`
  const ofCampaign = () =>
    sql`${tables.campaignOf(sql`seg_m`)} = ${requireId(condition.campaignId, 'a campaign', path, 'campaignId')}::int`
  switch (condition.operator) {
    case 'clickedAnyWithinDays':
      return engagedWithin(sql`seg_e.last_clicked_at`)
    case 'clickedCampaign':
      return engaged('clicked', ofCampaign())
    case 'clickedMessage':
      return engaged('clicked', sql`seg_m.id = ${messageId(condition, path, scope)}::int`)
    case 'notClickedCampaign':
      return sql`NOT ${engaged('clicked', ofCampaign())}`
    case 'notOpenedCampaign':
      return sql`NOT ${engaged('opened', ofCampaign())}`
    case 'openedAnyWithinDays':
      return engagedWithin(sql`seg_e.last_opened_at`)
    case 'openedCampaign':
      return engaged('opened', ofCampaign())
    case 'openedMessage':
      return engaged('opened', sql`seg_m.id = ${messageId(condition, path, scope)}::int`)
    default:
      throw new SegmentConditionError(`"${condition.operator}" does not apply to engagement.`, path)
  }
}
