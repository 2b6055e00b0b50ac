/** GET /messages/outbound: Postmark's outbound message search over the accepted messages. */
import type { ParsedAddress } from './addresses.js'
import type { MessageStore, StoredMessage } from './store.js'
import type { Rejection } from './validation.js'

export const MAX_SEARCH_COUNT = 500
/** Postmark only pages through the first 10,000 results (count + offset). */
export const MAX_SEARCH_WINDOW = 10_000

export interface OutboundSearchResult {
  TotalCount: number
  Messages: Record<string, unknown>[]
}

type Predicate = (stored: StoredMessage) => boolean

const parseIntStrict = (value: string | null): number | null =>
  value !== null && /^\d+$/.test(value) ? Number(value) : null

/** Date filter bound; a date-only `todate` includes the whole day. */
function parseDate(value: string, endOfDay: boolean): number | null {
  const time = Date.parse(value)
  if (Number.isNaN(time)) return null
  return endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(value) ? time + 86_400_000 - 1 : time
}

const summaryAddresses = (list: ParsedAddress[]) => list.map(({ Email, Name }) => ({ Email, Name }))

function summary({ message, to, cc, bcc, recipients }: StoredMessage): Record<string, unknown> {
  return {
    Tag: message.Tag ?? '',
    MessageID: message.MessageID,
    To: summaryAddresses(to),
    Cc: summaryAddresses(cc),
    Bcc: summaryAddresses(bcc),
    Recipients: recipients,
    ReceivedAt: message.ReceivedAt.toISOString(),
    From: message.From,
    Subject: message.Subject ?? '',
    Attachments: (message.Attachments ?? []).map((attachment) => attachment.Name),
    Status: 'Sent',
    TrackOpens: message.TrackOpens ?? false,
    TrackLinks: message.TrackLinks ?? 'None',
    Metadata: message.Metadata ?? {},
    MessageStream: message.MessageStream,
    Sandboxed: false,
  }
}

export function searchOutbound(
  store: MessageStore,
  params: URLSearchParams,
): OutboundSearchResult | Rejection {
  const bad = (Message: string): Rejection => ({ ErrorCode: 300, Message })
  const filters: Predicate[] = []
  let count: number | null = null
  let offset: number | null = null
  let candidates: StoredMessage[] = store.stored

  for (const [rawKey, value] of params) {
    const key = rawKey.toLowerCase()
    if (key.startsWith('metadata_')) {
      const metaKey = rawKey.slice('metadata_'.length).toLowerCase()
      if (metaKey === 'messageid') {
        candidates = store.byMetadataMessageId.get(value) ?? []
        continue
      }
      filters.push(({ message }) => {
        const metadata = message.Metadata
        if (!metadata) return false
        for (const k in metadata)
          if (k.toLowerCase() === metaKey && metadata[k] === value) return true
        return false
      })
      continue
    }
    switch (key) {
      case 'count':
        count = parseIntStrict(value)
        break
      case 'offset':
        offset = parseIntStrict(value)
        break
      case 'recipient': {
        const address = value.trim().toLowerCase()
        filters.push(({ recipients }) => recipients.includes(address))
        break
      }
      case 'fromemail': {
        const address = value.trim().toLowerCase()
        filters.push(({ fromEmail }) => fromEmail === address)
        break
      }
      case 'tag': {
        const tag = value.toLowerCase()
        filters.push(({ message }) => (message.Tag ?? '').toLowerCase() === tag)
        break
      }
      case 'subject': {
        const subject = value.toLowerCase()
        filters.push(({ message }) => (message.Subject ?? '').toLowerCase().includes(subject))
        break
      }
      case 'messagestream':
        filters.push(({ message }) => message.MessageStream === value)
        break
      case 'status':
        // Everything the fake accepts is immediately 'sent'.
        if (value.toLowerCase() !== 'sent') filters.push(() => false)
        break
      case 'fromdate':
      case 'todate': {
        const bound = parseDate(value, key === 'todate')
        if (bound === null) return bad(`Invalid '${key}' value '${value}'.`)
        filters.push(
          key === 'fromdate'
            ? ({ message }) => message.ReceivedAt.getTime() >= bound
            : ({ message }) => message.ReceivedAt.getTime() <= bound,
        )
        break
      }
      default:
        break
    }
  }

  if (count === null || count < 1 || count > MAX_SEARCH_COUNT) {
    return bad(`'count' is required and must be an integer between 1 and ${MAX_SEARCH_COUNT}.`)
  }
  if (offset === null) return bad("'offset' is required and must be a non-negative integer.")
  if (count + offset > MAX_SEARCH_WINDOW)
    return bad(`'count' + 'offset' must not exceed ${MAX_SEARCH_WINDOW}.`)

  // Newest first, like Postmark.
  const Messages: Record<string, unknown>[] = []
  let TotalCount = 0
  for (let i = candidates.length - 1; i >= 0; i--) {
    const stored = candidates[i]
    if (!filters.every((filter) => filter(stored))) continue
    if (TotalCount >= offset && Messages.length < count) Messages.push(summary(stored))
    TotalCount++
  }
  return { TotalCount, Messages }
}
