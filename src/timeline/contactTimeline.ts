import type { Payload } from 'payload'

import type { TimelineItem, TimelinePage } from './timelineTypes.js'

import { automationItems } from './automationItems.js'
import { dealItems } from './dealItems.js'
import { messageItems } from './messageItems.js'
import { subscriptionItems } from './subscriptionItems.js'
import { timelineSummary } from './timelineSummary.js'

export const timelinePageSize = 20

/**
 * One page of a contact's history, newest first: messages with their delivery events, subscription
 * changes, automation steps and deal changes. Each source returns at most the items up to the end of
 * the page (plus one, to know whether another page follows); the merge keeps the newest. The
 * summary counts the contact's whole email history.
 */
export const contactTimeline = async (
  payload: Payload,
  contactId: number,
  { page = 1, pageSize = timelinePageSize }: { page?: number; pageSize?: number } = {},
): Promise<TimelinePage> => {
  const upTo = page * pageSize + 1
  const [summary, ...sources] = await Promise.all([
    timelineSummary(payload, contactId),
    messageItems(payload, contactId, upTo),
    subscriptionItems(payload, contactId, upTo),
    automationItems(payload, contactId, upTo),
    dealItems(payload, contactId, upTo),
  ])
  const merged: TimelineItem[] = sources.flat().sort((a, b) => b.at.localeCompare(a.at))
  const start = (page - 1) * pageSize
  return {
    hasNextPage: merged.length > start + pageSize,
    items: merged.slice(start, start + pageSize),
    page,
    pageSize,
    summary,
  }
}
