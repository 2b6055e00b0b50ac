import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../../utilities/db.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { tableOf } from '../../utilities/tables.js'

/** What a recipient of a campaign can have done, as the report counts it and the recipients table filters it. */
export const recipientEvents = [
  'delivered',
  'opened',
  'clicked',
  'bounced',
  'complained',
  'unsubscribed',
] as const

export type RecipientEvent = (typeof recipientEvents)[number]

/** The recipients table's filters: every event, its negation for opens, or everyone. */
export const recipientFilters = ['all', ...recipientEvents, 'not-opened'] as const

export type RecipientFilter = (typeof recipientFilters)[number]

export const sentStatuses = sql`('sent', 'captured', 'delivered', 'bounced', 'complained')`

/**
 * One condition per event on a message row `m` of the campaign: the single definition the counts,
 * the filters and the CSV share, so a count always equals the rows its filter lists. An unsubscribe
 * counts when the contact left a list at or after the email went out.
 */
export const eventConditions = (payload: Payload): Record<RecipientEvent, SQL> => {
  const subscriptions = tableOf(payload, pluginOptionsOf(payload).slugs.subscriptions)
  return {
    bounced: sql`(m.status = 'bounced' OR m.events_bounced_at IS NOT NULL)`,
    clicked: sql`(m.events_clicked_at IS NOT NULL)`,
    complained: sql`(m.status = 'complained')`,
    delivered: sql`(m.status IN ('delivered', 'complained') OR m.events_delivered_at IS NOT NULL)`,
    opened: sql`(m.events_opened_at IS NOT NULL)`,
    unsubscribed: sql`(m.sent_at IS NOT NULL AND EXISTS (SELECT 1 FROM ${subscriptions} s
      WHERE s.contact_id = m.contact_id AND s.status = 'unsubscribed' AND s.unsubscribed_at >= m.sent_at))`,
  }
}

/** The condition a filter puts on `m`; "not opened" means sent and never opened. */
export const filterCondition = (payload: Payload, filter: RecipientFilter): SQL => {
  if (filter === 'all') return sql`TRUE`
  const conditions = eventConditions(payload)
  if (filter === 'not-opened')
    return sql`(m.status IN ${sentStatuses} AND NOT ${conditions.opened})`
  return conditions[filter]
}
