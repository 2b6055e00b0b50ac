import type { Payload } from 'payload'

import type { ConsentRecord } from './consent.js'
import type { PublicList } from './subscriptionRecords.js'

import { escapeHtml } from '../rendering/escape.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { enqueueMessage } from '../sending/enqueueMessages.js'
import { signalOutboxWork } from '../sending/outboxSignal.js'
import { signToken } from './tokens.js'
import { publicEndpointUrl } from './unsubscribeLinks.js'

/** The signed, expiring confirmation link, carrying what the form showed so consent can be recorded on confirm. */
export const confirmationUrlFor = (
  payload: Payload,
  {
    consent,
    contactId,
    listIds,
    now = new Date(),
  }: { consent: ConsentRecord; contactId: number; listIds: number[]; now?: Date },
): string => {
  const options = pluginOptionsOf(payload)
  const token = signToken(options.secret, {
    consentText: consent.text?.slice(0, 500),
    contactId,
    expiresAt: Math.floor(now.getTime() / 1000) + options.doubleOptIn.tokenTtlHours * 3600,
    form: consent.form?.slice(0, 100),
    kind: 'confirm',
    listIds,
  })
  return publicEndpointUrl(payload, 'confirm', { token })
}

/** Queues the double opt-in email on the transactional stream, ahead of any broadcast. */
export const sendConfirmationEmail = async (
  payload: Payload,
  {
    consent,
    contactId,
    email,
    lists,
  }: { consent: ConsentRecord; contactId: number; email: string; lists: PublicList[] },
): Promise<void> => {
  const url = confirmationUrlFor(payload, {
    consent,
    contactId,
    listIds: lists.map((list) => list.id),
  })
  const names = lists.map((list) => list.name).join(', ')
  const hours = pluginOptionsOf(payload).doubleOptIn.tokenTtlHours
  await enqueueMessage(payload, {
    contact: contactId,
    html: `<p>Please confirm that you want to receive ${escapeHtml(names)}.</p><p><a href="${escapeHtml(url)}">Confirm my subscription</a></p><p>The link works for ${hours} hours. If you did not ask for this, ignore this email and nothing happens.</p>`,
    kind: 'transactional',
    metadata: { purpose: 'double-opt-in' },
    subject: `Please confirm your subscription to ${names}`,
    tag: 'double-opt-in',
    text: `Please confirm that you want to receive ${names}:\n\n${url}\n\nThe link works for ${hours} hours. If you did not ask for this, ignore this email and nothing happens.`,
    to: email,
  })
  signalOutboxWork(payload)
}
