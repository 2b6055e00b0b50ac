import type { MessageKind } from './messageStatuses.js'

/** What a caller puts in the outbox; the row is the single source of truth from then on. */
export type OutboxMessageInput = {
  attachments?: { Content: string; ContentID: null | string; ContentType: string; Name: string }[]
  bcc?: string
  cc?: string
  contact?: null | number
  /** A second enqueue with the same key does nothing and returns the first message's id. */
  dedupeKey?: string
  from?: { address: string; name?: string }
  headers?: { Name: string; Value: string }[]
  html?: null | string
  kind: MessageKind
  metadata?: Record<string, string>
  /** When to send at the earliest. @default now */
  notBefore?: Date
  replyTo?: string
  /** Defaults to the transactional stream, or the broadcast stream for campaigns. */
  stream?: string
  subject?: null | string
  tag?: string
  templateAlias?: string
  templateModel?: Record<string, unknown>
  text?: null | string
  to: string
}

/** A claimed outbox row, as the delivery worker needs it. */
export type ClaimedMessage = {
  attachments: OutboxMessageInput['attachments'] | null
  attempts: number
  bcc: null | string
  /** Set on campaign rows; with `html` null they are rendered at claim time. */
  campaignId?: null | number
  cc: null | string
  contactId: null | number
  fromAddress: string
  fromName: null | string
  headers: OutboxMessageInput['headers'] | null
  html: null | string
  id: number
  kind: MessageKind
  /** Set on a campaign email taken from its recipients: its send lease (it has no outbox row yet). */
  leaseId?: null | number
  metadata: Record<string, string> | null
  replyTo: null | string
  stream: string
  subject: null | string
  tag: null | string
  templateAlias: null | string
  templateModel: Record<string, unknown> | null
  text: null | string
  toAddress: string
  variant?: null | number
}
