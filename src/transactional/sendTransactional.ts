import type { Payload, PayloadRequest } from 'payload'

import type { OutboxMessageInput } from '../sending/outboxTypes.js'
import type { TransactionalTemplate } from './templateTypes.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { TransactionalTemplateNotFoundError } from './errors.js'
import { findContactByEmail, normalizeRecipient, suppressionReasonOf } from './recipient.js'
import { renderTransactional } from './renderTransactional.js'
import { validateTemplateData } from './validateTemplateData.js'
import { writeMessage, type WrittenMessage } from './writeMessage.js'

export type SendTransactionalArgs = {
  attachments?: OutboxMessageInput['attachments']
  bcc?: string
  cc?: string
  /** Template variables. Required ones are checked before anything is written. */
  data?: Record<string, unknown>
  /** A second send with the same key queues nothing and returns the first message. */
  dedupeKey?: string
  /** Overrides the configured sender. */
  from?: OutboxMessageInput['from']
  metadata?: Record<string, string>
  replyTo?: string
  /** Run inside this request's transaction (collection hooks pass theirs). */
  req?: Partial<PayloadRequest>
  /** Postmark tag. @default the template's slug */
  tag?: string
  /** The template's slug, its id, or a template document. */
  template: number | string | TransactionalTemplate
  to: string
}

export type SendTransactionalResult = WrittenMessage

export const loadTransactionalTemplate = async (
  payload: Payload,
  template: number | string,
  req?: Partial<PayloadRequest>,
): Promise<TransactionalTemplate> => {
  const { docs } = await payload.find({
    collection: pluginOptionsOf(payload).slugs.transactionalTemplates as 'users',
    depth: 0,
    limit: 1,
    pagination: false,
    req,
    where:
      typeof template === 'number' ? { id: { equals: template } } : { slug: { equals: template } },
  })
  const doc = docs[0] as unknown as TransactionalTemplate | undefined
  if (!doc) throw new TransactionalTemplateNotFoundError(template)
  return doc
}

/**
 * Queues one transactional email on the transactional stream, claimed ahead of any campaign.
 * Throws `MissingTemplateVariableError` (nothing queued) when `data` lacks a required variable.
 * An address whose contact hard-bounced or complained is logged as a `suppressed` message
 * instead; a contact who only unsubscribed from marketing still receives it.
 */
export const sendTransactional = async (
  payload: Payload,
  args: SendTransactionalArgs,
): Promise<SendTransactionalResult> => {
  const { req } = args
  const template =
    typeof args.template === 'object'
      ? args.template
      : await loadTransactionalTemplate(payload, args.template, req)
  const templateName = template.slug ?? String(template.id)
  const data = args.data ?? {}
  validateTemplateData(templateName, template.variables, data)
  const to = normalizeRecipient(args.to)
  const contact = await findContactByEmail(payload, to, req)
  const rendered = await renderTransactional(payload, template, { data, contact }, req)
  const input: OutboxMessageInput = {
    attachments: args.attachments,
    bcc: args.bcc,
    cc: args.cc,
    contact: contact?.id ?? null,
    dedupeKey: args.dedupeKey,
    from: args.from,
    kind: 'transactional',
    metadata: { ...args.metadata, template: templateName },
    replyTo: args.replyTo,
    tag: args.tag ?? templateName,
    to,
    ...(rendered.type === 'postmark'
      ? {
          subject: null,
          templateAlias: rendered.templateAlias,
          templateModel: rendered.templateModel,
        }
      : { html: rendered.html, subject: rendered.subject, text: rendered.text }),
  }
  return writeMessage(payload, input, { req, suppressedBecause: suppressionReasonOf(contact) })
}
