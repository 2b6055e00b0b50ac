/** Public types of the fake Postmark server (see fakePostmarkServer.ts). */

import type { SuppressionStore } from './suppressions.js'

export interface FakePostmarkOptions {
  /** Port to listen on; 0 (default) picks a random free port. */
  port?: number
  /** Delay in ms before every answer (faults included). Default 0. */
  latencyMs?: number
  /** If set, only this X-Postmark-Server-Token is accepted; otherwise any non-empty token is. */
  serverToken?: string
  /** Interface to bind; default 127.0.0.1. */
  hostname?: string
  /**
   * Keep HtmlBody, TextBody and TemplateModel of accepted messages (default true). Benches turn it off:
   * a hundred thousand kept bodies cost this process more memory and garbage collection than the
   * code under measurement, on the same cores.
   */
  keepBodies?: boolean
}

export interface PostmarkHeader {
  Name: string
  Value: string
}

export interface PostmarkAttachment {
  Name: string
  Content: string
  ContentType?: string
  ContentID?: string | null
}

export type TrackLinks = 'None' | 'HtmlAndText' | 'HtmlOnly' | 'TextOnly'

/** A message the fake accepted, with the fields as they were sent (To/Cc/Bcc are the raw strings). */
export interface AcceptedMessage {
  MessageID: string
  From: string
  To: string
  Cc?: string
  Bcc?: string
  Subject?: string
  HtmlBody?: string
  TextBody?: string
  MessageStream: string
  Metadata?: Record<string, string>
  Tag?: string
  Headers?: PostmarkHeader[]
  ReplyTo?: string
  TemplateAlias?: string
  TemplateId?: number
  TemplateModel?: Record<string, unknown>
  TrackOpens?: boolean
  TrackLinks?: TrackLinks
  Attachments?: PostmarkAttachment[]
  ReceivedAt: Date
  /** Index in `requests` of the HTTP request that carried this message. */
  requestIndex: number
}

export interface RequestLogEntry {
  method: string
  /** Path as received, without the query string. */
  path: string
  /** Number of elements, for /email/batch and /email/batchWithTemplates calls with a parsable body. */
  batchSize?: number
  /** HTTP status answered; 0 while in flight and for dropped connections. */
  status: number
  /** When the request arrived. */
  at: Date
}

export type Fault =
  | { kind: 'status'; status: 429 | 500 | 503; times?: number; path?: string }
  | { kind: 'drop'; times?: number; path?: string }

export interface FakePostmark {
  url: string
  host: string
  port: number
  close(): Promise<void>
  /** Every accepted message in order. Cleared in place by reset(), so a held reference stays valid. */
  readonly accepted: AcceptedMessage[]
  /** Every request in arrival order. Cleared in place by reset(). */
  readonly requests: RequestLogEntry[]
  /** Lowercase bare addresses answered with ErrorCode 406. Not cleared by reset(). */
  readonly inactiveRecipients: Set<string>
  /** Suppression lists by message stream, lowercase address → entry (see suppressions.ts). Not cleared by reset(). */
  readonly suppressions: SuppressionStore
  setLatency(ms: number): void
  /** Queue a fault; faults are consumed FIFO, one per matching request (`times` default 1). */
  inject(fault: Fault): void
  clearFaults(): void
  /** Clears accepted, requests and faults (keeps latency and inactiveRecipients). */
  reset(): void
  /** Accepted messages having `address` (case-insensitive) in To, Cc or Bcc. */
  acceptedFor(address: string): AcceptedMessage[]
  /** Number of accepted messages having `address` in To, Cc or Bcc. */
  countFor(address: string): number
  /** Accepted messages whose Metadata.messageId is `messageId`. */
  acceptedWithMessageId(messageId: string): AcceptedMessage[]
  /** Metadata `messageId` values accepted more than once. */
  duplicates(): string[]
}
