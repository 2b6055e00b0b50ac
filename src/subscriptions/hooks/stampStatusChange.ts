import type { CollectionBeforeChangeHook } from 'payload'

import { statusTimestampField, type SubscriptionStatus } from '../subscriptionStatuses.js'

/** Records the time a subscription entered its current status, once per change. */
export const stampStatusChange: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const status = data.status as SubscriptionStatus | undefined
  if (status && status !== originalDoc?.status) {
    data[statusTimestampField[status]] = new Date().toISOString()
  }
  return data
}
