/** In-memory record of accepted messages, with the indexes used by search and the counting helpers. */
import { randomUUID } from 'node:crypto'

import type { ParsedAddress } from './addresses.js'
import type { AcceptedMessage } from './types.js'
import type { ValidMessage } from './validation.js'

export interface StoredMessage {
  message: AcceptedMessage
  to: ParsedAddress[]
  cc: ParsedAddress[]
  bcc: ParsedAddress[]
  recipients: string[]
  fromEmail: string
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

export class MessageStore {
  constructor(private readonly keepBodies = true) {}

  readonly accepted: AcceptedMessage[] = []
  /** Parallel to `accepted`. */
  readonly stored: StoredMessage[] = []
  /** Metadata messageId (key matched case-insensitively) → stored messages. */
  readonly byMetadataMessageId = new Map<string, StoredMessage[]>()
  /** Lowercase recipient address → stored messages. */
  readonly byRecipient = new Map<string, StoredMessage[]>()

  add(valid: ValidMessage, requestIndex: number, receivedAt: Date): AcceptedMessage {
    const message: AcceptedMessage = {
      MessageID: randomUUID(),
      ...valid.fields,
      ReceivedAt: receivedAt,
      requestIndex,
    }
    if (!this.keepBodies) {
      delete message.HtmlBody
      delete message.TextBody
      delete message.TemplateModel
    }
    const stored: StoredMessage = {
      message,
      to: valid.to,
      cc: valid.cc,
      bcc: valid.bcc,
      recipients: valid.recipients,
      fromEmail: valid.from.Email.toLowerCase(),
    }
    this.accepted.push(message)
    this.stored.push(stored)
    const metadata = message.Metadata
    if (metadata) {
      for (const key in metadata) {
        if (key.length === 9 && key.toLowerCase() === 'messageid')
          push(this.byMetadataMessageId, metadata[key], stored)
      }
    }
    const recipients = valid.recipients.length > 1 ? new Set(valid.recipients) : valid.recipients
    for (const address of recipients) push(this.byRecipient, address, stored)
    return message
  }

  acceptedFor(address: string): AcceptedMessage[] {
    return (this.byRecipient.get(address.trim().toLowerCase()) ?? []).map(
      (stored) => stored.message,
    )
  }

  acceptedWithMessageId(messageId: string): AcceptedMessage[] {
    return (this.byMetadataMessageId.get(messageId) ?? []).map((stored) => stored.message)
  }

  duplicates(): string[] {
    const out: string[] = []
    for (const [messageId, list] of this.byMetadataMessageId)
      if (list.length > 1) out.push(messageId)
    return out
  }

  clear(): void {
    this.accepted.length = 0
    this.stored.length = 0
    this.byMetadataMessageId.clear()
    this.byRecipient.clear()
  }
}
