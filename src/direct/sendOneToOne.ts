import type { Payload, PayloadRequest } from 'payload'

import { idOf } from '../utilities/idOf.js'
import type { OneToOneBody } from './renderOneToOne.js'

import { isPermitted } from '../access/guard.js'
import { pluginOptionsOf } from '../pluginContext.js'
import {
  findContactByEmail,
  normalizeRecipient,
  type RecipientContact,
  suppressionReasonOf,
} from '../transactional/recipient.js'
import { renderTransactional } from '../transactional/renderTransactional.js'
import { loadTransactionalTemplate } from '../transactional/sendTransactional.js'
import { validateTemplateData } from '../transactional/validateTemplateData.js'
import { writeMessage, type WrittenMessage } from '../transactional/writeMessage.js'
import { InvalidOneToOneError, OneToOneForbiddenError } from './errors.js'
import { renderOneToOne } from './renderOneToOne.js'

type Ref = number | string | { id: number | string }

export type SendOneToOneArgs = {
  /** Liquid allowed (`{{ contact.firstName }}`). Lexical editor state, HTML, or plain text. Not needed with `template`. */
  body?: OneToOneBody
  /** The contact (id or document). */
  contact: Ref
  /** The deal this email is about; recorded as `metadata.dealId` on the message. */
  deal?: null | Ref
  /** A second send with the same key queues nothing. @default a new key per call */
  dedupeKey?: string
  /** `false` checks `oneToOneAccess` against `req` (the REST endpoint does). @default true */
  overrideAccess?: boolean
  req?: Partial<PayloadRequest>
  subject?: string
  /** A transactional template (slug or id) instead of `subject` + `body`; it sees `contact`, `deal` and `sender`. */
  template?: number | string
  /** Another address of the contact. @default the contact's email */
  to?: string
  /** The admin user writing (id or document): Reply-To is their address. */
  user: Ref
}

const loadDoc = async (
  payload: Payload,
  collection: string,
  ref: Ref,
  req?: Partial<PayloadRequest>,
) => {
  return (await payload.findByID({
    id: idOf(ref) ?? '',
    collection: collection as 'users',
    depth: 0,
    disableErrors: true,
    req,
  })) as Record<string, unknown> | null
}

const quoted = (name: unknown, address: string) =>
  typeof name === 'string' && name.trim()
    ? `"${name.trim().replace(/["\\]/g, '')}" <${address}>`
    : address

type ComposedOneToOne = {
  content: Pick<
    Parameters<typeof writeMessage>[1],
    'html' | 'subject' | 'templateAlias' | 'templateModel' | 'text'
  >
  contact: RecipientContact
  deal: null | Record<string, unknown>
  recipient: RecipientContact
  templateSlug?: string
  to: string
  user: Record<string, unknown> & { email: string }
}

/** Checks access, loads the contact, deal and writer, and renders the email: everything but queueing it. */
const composeOneToOne = async (
  payload: Payload,
  args: SendOneToOneArgs,
): Promise<ComposedOneToOne> => {
  const options = pluginOptionsOf(payload)
  const { req } = args
  if (
    args.overrideAccess === false &&
    !(req && (await isPermitted(req as PayloadRequest, 'sendOneToOne')))
  ) {
    throw new OneToOneForbiddenError()
  }
  const user = await loadDoc(payload, options.adminUserSlug, args.user, req)
  if (!user || typeof user.email !== 'string')
    throw new InvalidOneToOneError(
      `There is no user ${idOf(args.user)} with an email address to reply to.`,
    )
  const contact = (await loadDoc(
    payload,
    options.slugs.contacts,
    args.contact,
    req,
  )) as null | RecipientContact
  if (!contact) throw new InvalidOneToOneError(`There is no contact ${idOf(args.contact)}.`)
  const deal = args.deal ? await loadDoc(payload, options.slugs.deals, args.deal, req) : null
  if (args.deal && !deal) throw new InvalidOneToOneError(`There is no deal ${idOf(args.deal)}.`)
  const to = normalizeRecipient(args.to ?? contact.email)
  const recipient =
    to === contact.email ? contact : ((await findContactByEmail(payload, to, req)) ?? contact)
  const sender = { email: user.email, name: user.name ?? null }
  const scope = { contact, deal: deal ?? {}, sender }

  if (args.template !== undefined && args.template !== null && args.template !== '') {
    const template = await loadTransactionalTemplate(payload, args.template, req)
    validateTemplateData(template.slug ?? String(template.id), template.variables, scope)
    const rendered = await renderTransactional(payload, template, { contact, data: scope }, req)
    return {
      contact,
      content:
        rendered.type === 'postmark'
          ? { templateAlias: rendered.templateAlias, templateModel: rendered.templateModel }
          : rendered,
      deal,
      recipient,
      templateSlug: template.slug ?? undefined,
      to,
      user: { ...user, email: user.email },
    }
  }
  if (!args.subject?.trim()) throw new InvalidOneToOneError('A 1:1 email needs a subject.')
  if (!args.body || (typeof args.body === 'string' && !args.body.trim()))
    throw new InvalidOneToOneError('A 1:1 email needs a body.')
  return {
    contact,
    content: await renderOneToOne({ body: args.body, scope, subject: args.subject }),
    deal,
    recipient,
    to,
    user: { ...user, email: user.email },
  }
}

export type OneToOnePreview = {
  html?: string
  subject?: string
  /** Set when a Postmark-hosted template renders the email; Postmark fills it in at send time. */
  templateAlias?: string
  text?: string
  to: string
}

/** What `sendOneToOne` with the same arguments would send, rendered for the writer to check; queues nothing. */
export const previewOneToOne = async (
  payload: Payload,
  args: SendOneToOneArgs,
): Promise<OneToOnePreview> => {
  const { content, to } = await composeOneToOne(payload, args)
  return {
    html: content.html ?? undefined,
    subject: content.subject ?? undefined,
    templateAlias: content.templateAlias ?? undefined,
    text: content.text ?? undefined,
    to,
  }
}

/**
 * A personal email from an admin user to one contact: sent from the configured sender with
 * Reply-To set to the user, on the transactional stream, logged on the contact (and the deal).
 * Bounced or complained contacts get a `suppressed` log row instead.
 */
export const sendOneToOne = async (
  payload: Payload,
  args: SendOneToOneArgs,
): Promise<WrittenMessage> => {
  const options = pluginOptionsOf(payload)
  const { content, contact, deal, recipient, templateSlug, to, user } = await composeOneToOne(
    payload,
    args,
  )
  return writeMessage(
    payload,
    {
      ...content,
      contact: contact.id,
      dedupeKey: args.dedupeKey,
      from: options.sending.from,
      kind: 'oneToOne',
      metadata: {
        ...(deal ? { dealId: String(deal.id) } : {}),
        ...(templateSlug ? { template: templateSlug } : {}),
        userId: String(user.id),
      },
      replyTo: quoted(user.name, user.email),
      tag: 'one-to-one',
      to,
    },
    { req: args.req, suppressedBecause: suppressionReasonOf(recipient) },
  )
}
