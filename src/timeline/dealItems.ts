import type { Payload } from 'payload'

import type { TimelineItem } from './timelineTypes.js'

import { contactDealHistory } from '../deals/contactDealHistory.js'

/** Stage and status changes of the contact's deals, when the deals collection is installed. */
export const dealItems = async (
  payload: Payload,
  contactId: number,
  limit: number,
): Promise<TimelineItem[]> => {
  const changes = await contactDealHistory(payload, contactId, { limit })
  return changes.map((change) => ({
    at: new Date(change.at).toISOString(),
    dealId: change.dealId,
    dealTitle: change.dealTitle,
    fromStage: change.fromStageName ?? change.fromStage,
    status: change.status,
    toStage: change.toStageName ?? change.toStage,
    type: 'deal' as const,
  }))
}
