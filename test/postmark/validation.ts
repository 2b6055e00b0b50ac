/** Per-message validation, following what the Postmark email API rejects with ErrorCode 300 / 406. */
import { type ParsedAddress, parseAddress, splitAddressList } from './addresses.js'
import type { AcceptedMessage, PostmarkAttachment, PostmarkHeader, TrackLinks } from './types.js'

export const MAX_RECIPIENTS_PER_FIELD = 50
export const MAX_BATCH_SIZE = 500
export const ERROR_INVALID_EMAIL_REQUEST = 300
export const ERROR_INACTIVE_RECIPIENT = 406

export interface Rejection {
  ErrorCode: number
  Message: string
}

export type MessageFields = Omit<AcceptedMessage, 'MessageID' | 'ReceivedAt' | 'requestIndex'>

export interface ValidMessage {
  fields: MessageFields
  from: ParsedAddress
  to: ParsedAddress[]
  cc: ParsedAddress[]
  bcc: ParsedAddress[]
  /** Lowercase bare addresses of To, Cc and Bcc. */
  recipients: string[]
}

/** 'plain' for /email and /email/batch, 'template' for /email/withTemplate and /email/batchWithTemplates. */
export type SendMode = 'plain' | 'template'

const TRACK_LINKS = new Set<string>(['None', 'HtmlAndText', 'HtmlOnly', 'TextOnly'])

const invalid = (Message: string): Rejection => ({
  ErrorCode: ERROR_INVALID_EMAIL_REQUEST,
  Message,
})

export const isRejection = (value: unknown): value is Rejection =>
  typeof value === 'object' && value !== null && 'ErrorCode' in value

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isAbsent = (value: unknown): value is null | undefined =>
  value === undefined || value === null

function parseList(field: string, value: unknown, required: boolean): ParsedAddress[] | Rejection {
  if (isAbsent(value) || value === '') return required ? invalid('Zero recipients specified') : []
  if (typeof value !== 'string')
    return invalid(`Error parsing '${field}': must be a string of comma separated addresses.`)
  const parts = splitAddressList(value)
  if (parts.length === 0 && required) return invalid('Zero recipients specified')
  if (parts.length > MAX_RECIPIENTS_PER_FIELD) {
    return invalid(
      `Error parsing '${field}': too many recipients (${parts.length}), the maximum is ${MAX_RECIPIENTS_PER_FIELD}.`,
    )
  }
  const out: ParsedAddress[] = []
  for (const part of parts) {
    const parsed = parseAddress(part)
    if (!parsed) return invalid(`Error parsing '${field}': Illegal email address '${part}'.`)
    out.push(parsed)
  }
  return out
}

function checkOptionalString(message: Record<string, unknown>, field: string): Rejection | null {
  const value = message[field]
  return isAbsent(value) || typeof value === 'string'
    ? null
    : invalid(`'${field}' must be a string.`)
}

function checkMetadata(metadata: unknown): Rejection | null {
  if (isAbsent(metadata)) return null
  if (!isPlainObject(metadata)) return invalid("'Metadata' must be a JSON object of string values.")
  const seen = new Set<string>()
  for (const key in metadata) {
    const value = metadata[key]
    if (typeof value !== 'string') {
      return invalid(
        `Metadata values must be strings: '${key}' is ${value === null ? 'null' : typeof value}.`,
      )
    }
    const lower = key.toLowerCase()
    if (seen.has(lower))
      return invalid(`Duplicate Metadata key '${key}' (keys are case-insensitive).`)
    seen.add(lower)
  }
  return null
}

function checkHeaders(headers: unknown): Rejection | null {
  if (isAbsent(headers)) return null
  if (!Array.isArray(headers)) return invalid("'Headers' must be an array of { Name, Value }.")
  for (const header of headers) {
    if (
      !isPlainObject(header) ||
      typeof header.Name !== 'string' ||
      !header.Name ||
      typeof header.Value !== 'string'
    ) {
      return invalid("Each header in 'Headers' needs a string 'Name' and 'Value'.")
    }
  }
  return null
}

function checkAttachments(attachments: unknown): Rejection | null {
  if (isAbsent(attachments)) return null
  if (!Array.isArray(attachments)) return invalid("'Attachments' must be an array.")
  for (const attachment of attachments) {
    if (
      !isPlainObject(attachment) ||
      typeof attachment.Name !== 'string' ||
      typeof attachment.Content !== 'string'
    ) {
      return invalid("Each attachment needs a string 'Name' and base64 'Content'.")
    }
  }
  return null
}

function checkTemplate(message: Record<string, unknown>): Rejection | null {
  const { TemplateId, TemplateAlias, TemplateModel } = message
  const hasId = typeof TemplateId === 'number' && Number.isInteger(TemplateId) && TemplateId > 0
  const hasAlias = typeof TemplateAlias === 'string' && TemplateAlias.trim() !== ''
  if (!isAbsent(TemplateId) && !hasId) return invalid("'TemplateId' must be a positive integer.")
  if (!isAbsent(TemplateAlias) && !hasAlias)
    return invalid("'TemplateAlias' must be a non-empty string.")
  if (!hasId && !hasAlias) return invalid("Either 'TemplateId' or 'TemplateAlias' is required.")
  if (!isPlainObject(TemplateModel))
    return invalid("'TemplateModel' is required and must be a JSON object.")
  return null
}

/** Validates one message; returns the fields to record, or the error Postmark would answer. */
export function validateMessage(
  raw: unknown,
  mode: SendMode,
  inactive: ReadonlySet<string>,
): ValidMessage | Rejection {
  if (!isPlainObject(raw))
    return invalid('Invalid email request: the message must be a JSON object.')
  const m = raw

  if (typeof m.From !== 'string' || m.From.trim() === '')
    return invalid("Invalid 'From' address: ''.")
  const fromParts = splitAddressList(m.From)
  const from = fromParts.length === 1 ? parseAddress(fromParts[0]) : null
  if (!from) return invalid(`Invalid 'From' address: '${m.From}'.`)

  const to = parseList('To', m.To, true)
  if (isRejection(to)) return to
  const cc = parseList('Cc', m.Cc, false)
  if (isRejection(cc)) return cc
  const bcc = parseList('Bcc', m.Bcc, false)
  if (isRejection(bcc)) return bcc
  const replyTo = parseList('ReplyTo', m.ReplyTo, false)
  if (isRejection(replyTo)) return replyTo

  for (const field of ['Subject', 'HtmlBody', 'TextBody', 'Tag']) {
    const error = checkOptionalString(m, field)
    if (error) return error
  }
  if (mode === 'plain') {
    if (typeof m.Subject !== 'string' || m.Subject.trim() === '')
      return invalid("Missing or empty 'Subject'.")
    if (!m.HtmlBody && !m.TextBody)
      return invalid('Provide either email TextBody or HtmlBody or both.')
  } else {
    const error = checkTemplate(m)
    if (error) return error
  }

  const error =
    checkMetadata(m.Metadata) ?? checkHeaders(m.Headers) ?? checkAttachments(m.Attachments)
  if (error) return error
  if (!isAbsent(m.TrackOpens) && typeof m.TrackOpens !== 'boolean')
    return invalid("'TrackOpens' must be a boolean.")
  if (
    !isAbsent(m.TrackLinks) &&
    !(typeof m.TrackLinks === 'string' && TRACK_LINKS.has(m.TrackLinks))
  ) {
    return invalid(
      `Invalid 'TrackLinks' value '${String(m.TrackLinks)}': use None, HtmlAndText, HtmlOnly or TextOnly.`,
    )
  }
  let stream = 'outbound'
  if (!isAbsent(m.MessageStream)) {
    if (typeof m.MessageStream !== 'string' || m.MessageStream.trim() === '') {
      return invalid("'MessageStream' must be a non-empty string.")
    }
    stream = m.MessageStream
  }

  const recipients: string[] = []
  for (const list of [to, cc, bcc])
    for (const address of list) recipients.push(address.Email.toLowerCase())
  if (inactive.size > 0) {
    const found = recipients.filter((address) => inactive.has(address))
    if (found.length > 0) {
      return {
        ErrorCode: ERROR_INACTIVE_RECIPIENT,
        Message:
          'You tried to send to recipient(s) that have been marked as inactive. ' +
          `Found inactive addresses: ${found.join(', ')}. ` +
          'Inactive recipients are ones that have generated a hard bounce, a spam complaint, or a manual suppression.',
      }
    }
  }

  const fields: MessageFields = { From: m.From, To: m.To as string, MessageStream: stream }
  if (typeof m.Cc === 'string' && m.Cc) fields.Cc = m.Cc
  if (typeof m.Bcc === 'string' && m.Bcc) fields.Bcc = m.Bcc
  if (typeof m.ReplyTo === 'string' && m.ReplyTo) fields.ReplyTo = m.ReplyTo
  if (typeof m.Subject === 'string') fields.Subject = m.Subject
  if (typeof m.HtmlBody === 'string') fields.HtmlBody = m.HtmlBody
  if (typeof m.TextBody === 'string') fields.TextBody = m.TextBody
  if (typeof m.Tag === 'string') fields.Tag = m.Tag
  if (isPlainObject(m.Metadata)) fields.Metadata = m.Metadata as Record<string, string>
  if (Array.isArray(m.Headers)) fields.Headers = m.Headers as PostmarkHeader[]
  if (Array.isArray(m.Attachments)) fields.Attachments = m.Attachments as PostmarkAttachment[]
  if (typeof m.TrackOpens === 'boolean') fields.TrackOpens = m.TrackOpens
  if (typeof m.TrackLinks === 'string') fields.TrackLinks = m.TrackLinks as TrackLinks
  if (mode === 'template') {
    if (typeof m.TemplateAlias === 'string') fields.TemplateAlias = m.TemplateAlias
    if (typeof m.TemplateId === 'number') fields.TemplateId = m.TemplateId
    fields.TemplateModel = m.TemplateModel as Record<string, unknown>
  }
  return { fields, from, to, cc, bcc, recipients }
}
