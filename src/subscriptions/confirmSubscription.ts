import type { CollectionSlug, Payload } from 'payload'

import { APIError } from 'payload'

import type { ConsentRecord } from './consent.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { recordConsent } from './consent.js'
import { setSubscriptionStatus, subscriptionsOf } from './subscriptionRecords.js'
import { type ConfirmClaims, verifyToken } from './tokens.js'

export class InvalidLinkError extends APIError {
  constructor(reason: 'expired' | 'invalid') {
    super(
      reason === 'expired'
        ? 'This confirmation link has expired. Please subscribe again to get a new one.'
        : 'This link is not valid. Please use the link from your email as it is.',
      reason === 'expired' ? 410 : 400,
    )
  }
}

export const contactExists = async (payload: Payload, contactId: number): Promise<boolean> => {
  const collection = pluginOptionsOf(payload).slugs.contacts as CollectionSlug
  const found = await payload.find({
    collection,
    depth: 0,
    limit: 1,
    pagination: false,
    where: { id: { equals: contactId } },
  })
  return found.docs.length > 0
}

/** The claims of a valid, unexpired confirmation link whose contact still exists; otherwise a 4xx. */
export const verifyConfirmToken = async (
  payload: Payload,
  token: unknown,
): Promise<ConfirmClaims> => {
  const check = verifyToken(pluginOptionsOf(payload).secret, token, 'confirm')
  if (!check.ok) throw new InvalidLinkError(check.reason)
  if (!(await contactExists(payload, check.claims.contactId))) throw new InvalidLinkError('invalid')
  return check.claims
}

/**
 * Confirms the pending subscriptions a double opt-in link names and records the consent. A second
 * click changes nothing; a subscription unsubscribed since the email was sent stays unsubscribed.
 */
export const confirmSubscription = async (
  payload: Payload,
  { request, token }: { request: Pick<ConsentRecord, 'ip' | 'userAgent'>; token: unknown },
): Promise<{ confirmed: number }> => {
  const { consentText, contactId, form, listIds } = await verifyConfirmToken(payload, token)
  const current = await subscriptionsOf(payload, contactId, listIds)
  const confirmed: number[] = []
  for (const listId of listIds) {
    const existing = current.get(listId)
    if (existing?.status !== 'pending') continue
    await setSubscriptionStatus(payload, { contactId, existing, listId, status: 'subscribed' })
    confirmed.push(listId)
  }
  // list.subscribed is published by the subscriptions collection's afterChange hook.
  if (confirmed.length > 0) {
    await recordConsent(payload, contactId, {
      form: form ?? 'double opt-in',
      ip: request.ip,
      text: consentText,
      userAgent: request.userAgent,
    })
  }
  return { confirmed: confirmed.length }
}
