import type { Payload } from 'payload'

import { pluginOptionsOf } from '../pluginContext.js'
import { signToken } from './tokens.js'

type MessageRef = { contactId: number; messageId: number }

/** Postmark replaces this with its own unsubscribe link in 'postmark' mode. */
export const postmarkUnsubscribePlaceholder = '{{{ pm:unsubscribe }}}'

export const publicEndpointUrl = (
  payload: Payload,
  path: string,
  query: Record<string, string> = {},
): string => {
  const options = pluginOptionsOf(payload)
  const url = new URL(`${options.publicUrl}${payload.config.routes.api}/email-marketing/${path}`)
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value)
  return url.toString()
}

/** The signed per-message unsubscribe token of one contact and message. */
export const unsubscribeTokenFor = (
  payload: Payload,
  { contactId, messageId }: MessageRef,
): string =>
  signToken(pluginOptionsOf(payload).secret, { contactId, kind: 'unsubscribe', messageId })

/**
 * What renderers put where the unsubscribe link goes (`unsubscribe_url` in Liquid): the message id
 * is not known until the row exists, so withUnsubscribeLinks swaps in the signed link at send time.
 * Made of characters HTML escaping and the plain-text conversion leave alone.
 */
export const unsubscribeUrlPlaceholder = 'https://unsubscribe.invalid/em-unsubscribe-link'

/** Like unsubscribeUrlPlaceholder, for `preferences_url`: withUnsubscribeLinks swaps in the signed preferences link. */
export const preferencesUrlPlaceholder = 'https://preferences.invalid/em-preferences-link'

const unsubscribeBases = new WeakMap<Payload, string>()

/** The visible unsubscribe link for a marketing message (Postmark's placeholder in 'postmark' mode). */
export const unsubscribeUrlFor = (payload: Payload, ref: MessageRef): string => {
  if (pluginOptionsOf(payload).unsubscribe.mode === 'postmark')
    return postmarkUnsubscribePlaceholder
  // Built once per payload: this runs for every campaign recipient, and a token is URL-safe base64.
  let base = unsubscribeBases.get(payload)
  if (!base) {
    base = publicEndpointUrl(payload, 'unsubscribe', { token: '' })
    unsubscribeBases.set(payload, base)
  }
  return base + unsubscribeTokenFor(payload, ref)
}

/** The preference page of the contact a message went to. */
export const preferencesUrlFor = (payload: Payload, ref: MessageRef): string =>
  publicEndpointUrl(payload, 'preferences', { token: unsubscribeTokenFor(payload, ref) })

/**
 * RFC 8058 one-click headers in Postmark's `Headers` shape. Empty in 'postmark' mode, where
 * Postmark adds its own. Pass the message's `unsubscribeUrl` when already built to sign only once.
 */
export const listUnsubscribeHeaders = (
  payload: Payload,
  ref: MessageRef,
  unsubscribeUrl = unsubscribeUrlFor(payload, ref),
): { Name: string; Value: string }[] => {
  const options = pluginOptionsOf(payload)
  if (options.unsubscribe.mode === 'postmark') return []
  const targets = [`<${unsubscribeUrl}>`]
  if (options.unsubscribe.mailto)
    targets.push(`<mailto:${options.unsubscribe.mailto}?subject=unsubscribe>`)
  return [
    { Name: 'List-Unsubscribe', Value: targets.join(', ') },
    { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
  ]
}
