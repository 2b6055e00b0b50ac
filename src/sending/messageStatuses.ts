/**
 * queued → sending → sent | failed | suppressed | cancelled, then delivered | bounced | complained
 * from webhooks. `held`: queued rows of a paused campaign, back to `queued` on resume. `captured` is "sent" in capture mode (no Postmark token): kept in the log only.
 */
export const messageStatuses = [
  'queued',
  'sending',
  'sent',
  'captured',
  'failed',
  'suppressed',
  'cancelled',
  'held',
  'delivered',
  'bounced',
  'complained',
] as const

export type MessageStatus = (typeof messageStatuses)[number]

export const messageKinds = [
  'campaign',
  'automation',
  'transactional',
  'oneToOne',
  'system',
] as const

export type MessageKind = (typeof messageKinds)[number]

/** Kinds that are marketing whatever their stream (see marketingMessages.ts). */
export const marketingKinds = ['campaign', 'automation'] as const satisfies readonly MessageKind[]

/** Claimed before everything else so a password reset never waits behind a newsletter. */
export const priorityOf = (kind: MessageKind): number =>
  (marketingKinds as readonly string[]).includes(kind) ? 1 : 0
