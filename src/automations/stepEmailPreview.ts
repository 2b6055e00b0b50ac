import type { Payload } from 'payload'

import { randomUUID } from 'node:crypto'

import type { PersonalizedEmail } from '../rendering/renderEmail.js'

import { contactForPreview } from '../campaigns/previewAndTest.js'
import { InvalidInputError } from '../errors/InvalidInputError.js'
import { lexicalToEmailHtml } from '../rendering/lexicalToEmailHtml.js'
import { personalize, prepareEmail } from '../rendering/renderEmail.js'
import { enqueueMessages } from '../sending/enqueueMessages.js'
import { signalOutboxWork } from '../sending/outboxSignal.js'
import { isEmailAddress, normalizeEmail } from '../utilities/isEmailAddress.js'

/** The marketing content of a send-email step as the form holds it (unsaved edits included). */
export type StepEmailContent = { body?: unknown; preheader?: unknown; subject?: unknown }

const previewUnsubscribeUrl = '#unsubscribe-preview'

const textOf = (value: unknown, field: string): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string') throw new InvalidInputError(`The ${field} must be text.`)
  return value
}

const bodyHtmlOf = (body: unknown): string => {
  if (body === undefined || body === null) return ''
  if (typeof body !== 'object' || Array.isArray(body))
    throw new InvalidInputError('The email body must be rich text (a Lexical editor state).')
  try {
    return lexicalToEmailHtml(body as Parameters<typeof lexicalToEmailHtml>[0])
  } catch (error) {
    // Arbitrary JSON reaches the converter only through this endpoint; the editor never sends it.
    throw new InvalidInputError(
      `The email body is not valid rich text: ${(error as Error).message}`,
    )
  }
}

/** The step's email rendered as the send-email step renders it, personalised for `contact`. */
const renderStepEmail = async (
  step: StepEmailContent,
  contact: Record<string, unknown>,
): Promise<PersonalizedEmail> => {
  const subject = textOf(step.subject, 'subject')
  if (!subject) throw new InvalidInputError('Give the email a subject first.')
  const prepared = await prepareEmail({
    html: bodyHtmlOf(step.body),
    kind: 'marketing',
    preheader: textOf(step.preheader, 'preheader'),
    subject,
  })
  return personalize(prepared, { contact, unsubscribe_url: previewUnsubscribeUrl })
}

/** A send-email step's content as one contact (by email) or a sample contact would get it. */
export const previewStepEmail = async (
  payload: Payload,
  step: StepEmailContent,
  contactEmail?: string,
): Promise<PersonalizedEmail> => {
  const contact =
    contactEmail === undefined
      ? { email: 'preview@example.com', firstName: 'Sample', id: 0 }
      : await contactForPreview(payload, { email: String(normalizeEmail(contactEmail)) })
  if (!contact) throw new InvalidInputError(`No contact has the address ${contactEmail}.`)
  return renderStepEmail(step, contact)
}

/**
 * Sends a send-email step's content to one test address through the outbox, ahead of broadcast
 * mail; a known address is personalised as its contact.
 */
export const sendStepEmailTest = async (
  payload: Payload,
  step: StepEmailContent,
  to: string,
): Promise<{ queued: number; to: string }> => {
  const address = String(normalizeEmail(to))
  if (!isEmailAddress(address)) throw new InvalidInputError(`Not an email address: ${to}`)
  const contact = (await contactForPreview(payload, { email: address })) ?? {
    email: address,
    id: 0,
  }
  const email = await renderStepEmail(step, contact)
  const queued = await enqueueMessages(payload, [
    {
      dedupeKey: `automation-test:${randomUUID()}`,
      html: email.html,
      kind: 'transactional',
      metadata: { automationTest: 'sendEmail' },
      subject: `[Test] ${email.subject}`,
      text: email.text,
      to: address,
    },
  ])
  signalOutboxWork(payload)
  return { queued: queued.length, to: address }
}
