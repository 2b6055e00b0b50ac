import { createHmac, timingSafeEqual } from 'node:crypto'

import { hmacKey } from '../utilities/hmacKey.js'

/** Unsubscribe/preferences link of one message: never expires, so old emails keep working. */
export type UnsubscribeClaims = { contactId: number; kind: 'unsubscribe'; messageId: number }

/** Double opt-in link: the lists to confirm, until `expiresAt` (unix seconds). */
export type ConfirmClaims = {
  consentText?: string
  contactId: number
  expiresAt: number
  form?: string
  kind: 'confirm'
  listIds: number[]
}

export type TokenClaims = ConfirmClaims | UnsubscribeClaims

export type TokenCheck<Claims> =
  | { claims: Claims; ok: true }
  | { ok: false; reason: 'expired' | 'invalid' }

const maxTokenLength = 4096

const signatureOf = (secret: string, body: string): Buffer =>
  createHmac('sha256', hmacKey(secret)).update(`email-marketing:${body}`).digest()

/** `<base64url JSON claims>.<base64url HMAC-SHA256>`; the secret never leaves the server. */
export const signToken = (secret: string, claims: TokenClaims): string => {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${body}.${signatureOf(secret, body).toString('base64url')}`
}

const isPositiveInt = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) > 0

const hasValidShape = (claims: unknown): claims is TokenClaims => {
  if (!claims || typeof claims !== 'object') return false
  const c = claims as Record<string, unknown>
  if (!isPositiveInt(c.contactId)) return false
  // messageId 0: a link not tied to one message (a sender that signs before the row exists).
  if (c.kind === 'unsubscribe')
    return Number.isSafeInteger(c.messageId) && (c.messageId as number) >= 0
  if (c.kind === 'confirm') {
    return (
      Array.isArray(c.listIds) &&
      c.listIds.length > 0 &&
      c.listIds.every(isPositiveInt) &&
      Number.isFinite(c.expiresAt)
    )
  }
  return false
}

/** Checks the signature in constant time, then the shape, kind and (for confirm links) the expiry. */
export const verifyToken = <Kind extends TokenClaims['kind']>(
  secret: string,
  token: unknown,
  kind: Kind,
  now = new Date(),
): TokenCheck<Extract<TokenClaims, { kind: Kind }>> => {
  if (typeof token !== 'string' || token.length > maxTokenLength)
    return { ok: false, reason: 'invalid' }
  const [body, signature, ...rest] = token.split('.')
  if (!body || !signature || rest.length > 0) return { ok: false, reason: 'invalid' }
  const expected = signatureOf(secret, body)
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'invalid' }
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    return { ok: false, reason: 'invalid' }
  }
  if (!hasValidShape(claims) || claims.kind !== kind) return { ok: false, reason: 'invalid' }
  if (claims.kind === 'confirm' && claims.expiresAt * 1000 < now.getTime())
    return { ok: false, reason: 'expired' }
  return { claims: claims as Extract<TokenClaims, { kind: Kind }>, ok: true }
}
