/** One row per webhook event in `message-events`; campaign stats read opens and clicks from here. */
export const messageEventTypes = [
  'delivered',
  'bounced',
  'softBounced',
  'otherBounce',
  'complained',
  'opened',
  'clicked',
  'subscriptionChanged',
] as const

export type MessageEventType = (typeof messageEventTypes)[number]
