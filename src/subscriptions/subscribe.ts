import type { CollectionSlug, Payload } from 'payload'

import { APIError } from 'payload'

import { unknownClientAddress } from '../access/clientAddress.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { isEmailAddress, normalizeEmail } from '../utilities/isEmailAddress.js'
import { type ConsentRecord, recordConsent } from './consent.js'
import { sendConfirmationEmail } from './sendConfirmationEmail.js'
import { rateLimitKey, takeRateLimit } from './rateLimit.js'
import { findPublicLists, setSubscriptionStatus, subscriptionsOf } from './subscriptionRecords.js'

export type SubscribeInput = {
  consent: ConsentRecord
  email: unknown
  firstName?: unknown
  /** Client IP for the rate limit; consent.ip is what gets recorded. */
  ip: string
  lastName?: unknown
  lists: string[]
}

/** The answer depends only on the lists, never on whether the address was known. */
export type SubscribeResult = { doubleOptIn: boolean; message: string }

export const confirmationPendingMessage =
  'Almost done: we sent you an email with a link to confirm your subscription.'
export const subscribedMessage = 'Thank you, you are subscribed.'

const optionalName = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, 100) : undefined

const findOrCreateContact = async (
  payload: Payload,
  email: string,
  input: SubscribeInput,
): Promise<number> => {
  const collection = pluginOptionsOf(payload).slugs.contacts as CollectionSlug
  const find = async () =>
    (
      await payload.find({
        collection,
        depth: 0,
        limit: 1,
        pagination: false,
        where: { email: { equals: email } },
      })
    ).docs[0] as undefined | { id: number }
  const existing = await find()
  if (existing) return existing.id
  try {
    const data = {
      email,
      firstName: optionalName(input.firstName),
      lastName: optionalName(input.lastName),
      source: 'form',
    }
    return (
      (await payload.create({ collection, data: data as never, depth: 0 })) as unknown as {
        id: number
      }
    ).id
  } catch (error) {
    // Two requests for the same new address at once: the unique index let only one create it.
    const raced = await find()
    if (raced) return raced.id
    throw error
  }
}

const warnedPayloads = new WeakSet<Payload>()

const warnUnknownAddressOnce = (payload: Payload): void => {
  if (warnedPayloads.has(payload)) return
  warnedPayloads.add(payload)
  payload.logger.warn(
    'email-marketing: the subscribe endpoint cannot see client addresses, so only its per-address rate limit applies. Set `trustedProxies` for your load balancer, or register peers with `rememberPeerAddress` (README: Client addresses behind a load balancer).',
  )
}

/**
 * Public subscribe: double opt-in lists get a pending subscription and a confirmation email,
 * the others are subscribed at once with the consent recorded. Rate limited per address, and per IP
 * when the client's address is known (an unknown one would put every visitor in one bucket).
 */
export const subscribe = async (
  payload: Payload,
  input: SubscribeInput,
): Promise<SubscribeResult> => {
  const options = pluginOptionsOf(payload)
  const email = normalizeEmail(input.email)
  if (!isEmailAddress(email)) throw new APIError('Please enter a valid email address.', 400)
  const slugs = [
    ...new Set(
      input.lists.filter(
        (slug) => typeof slug === 'string' && slug.length <= 200 && !slug.includes('\u0000'),
      ),
    ),
  ].slice(0, 20)
  const lists = await findPublicLists(payload, slugs)
  if (lists.length === 0 || lists.length !== slugs.length) throw new APIError('Unknown list.', 400)
  const limits = options.subscribeRateLimit
  if (input.ip === unknownClientAddress) warnUnknownAddressOnce(payload)
  const allowed = await takeRateLimit(
    payload,
    [
      ...(input.ip === unknownClientAddress
        ? []
        : [{ key: rateLimitKey('subscribe-ip', input.ip), limit: limits.perIp }]),
      { key: rateLimitKey('subscribe-address', email), limit: limits.perAddress },
    ],
    limits.windowSeconds,
  )
  if (!allowed) throw new APIError('Too many subscribe requests. Please try again later.', 429)

  const contactId = await findOrCreateContact(payload, email, input)
  const current = await subscriptionsOf(
    payload,
    contactId,
    lists.map((list) => list.id),
  )
  const toConfirm: number[] = []
  const subscribedNow: number[] = []
  for (const list of lists) {
    const existing = current.get(list.id)
    if (existing?.status === 'subscribed') continue
    if (list.doubleOptIn) {
      if (existing?.status !== 'pending')
        await setSubscriptionStatus(payload, {
          contactId,
          existing,
          listId: list.id,
          status: 'pending',
        })
      toConfirm.push(list.id)
    } else {
      await setSubscriptionStatus(payload, {
        contactId,
        existing,
        listId: list.id,
        status: 'subscribed',
      })
      subscribedNow.push(list.id)
    }
  }
  // The subscriptions collection's afterChange hook publishes list.subscribed for each row written.
  if (subscribedNow.length > 0) await recordConsent(payload, contactId, input.consent)
  if (toConfirm.length > 0) {
    await sendConfirmationEmail(payload, {
      consent: input.consent,
      contactId,
      email,
      lists: lists.filter((list) => toConfirm.includes(list.id)),
    })
  }
  const doubleOptIn = lists.some((list) => list.doubleOptIn)
  return { doubleOptIn, message: doubleOptIn ? confirmationPendingMessage : subscribedMessage }
}
