export const subscriptionStatuses = ['pending', 'subscribed', 'unsubscribed'] as const

export type SubscriptionStatus = (typeof subscriptionStatuses)[number]

/** The timestamp field that records when a subscription entered each status. */
export const statusTimestampField: Record<SubscriptionStatus, string> = {
  pending: 'pendingAt',
  subscribed: 'subscribedAt',
  unsubscribed: 'unsubscribedAt',
}
