import type { Payload } from 'payload'

import { pluginOptionsOf } from '../pluginContext.js'
import { contactExists, InvalidLinkError } from './confirmSubscription.js'
import { type UnsubscribeClaims, verifyToken } from './tokens.js'

/** The claims of a valid per-message link whose contact still exists; otherwise a 400. */
export const verifyUnsubscribeToken = async (
  payload: Payload,
  token: unknown,
): Promise<UnsubscribeClaims> => {
  const check = verifyToken(pluginOptionsOf(payload).secret, token, 'unsubscribe')
  if (!check.ok) throw new InvalidLinkError('invalid')
  if (!(await contactExists(payload, check.claims.contactId))) throw new InvalidLinkError('invalid')
  return check.claims
}
