import { createHash } from 'node:crypto'

import { EmailMarketingError } from '../errors/EmailMarketingError.js'

import { webhookJson } from './webhookJson.js'

export type WebhookBody = Record<string, unknown>

/** A webhook body that lacks what its RecordType needs: answered 400, nothing written. */
export class MalformedWebhookError extends EmailMarketingError {
  constructor(message: string) {
    super(`Malformed Postmark webhook: ${message}`, 400)
  }
}

export const requireString = (body: WebhookBody, key: string, max = 2000): string => {
  const value = body[key]
  if (typeof value !== 'string' || value.length === 0 || value.length > max)
    throw new MalformedWebhookError(`${key} must be a non-empty string.`)
  return value
}

export const optionalString = (body: WebhookBody, key: string, max = 2000): string | undefined => {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string' || value.length > max)
    throw new MalformedWebhookError(`${key} must be a string.`)
  return value
}

/** An ISO timestamp, normalised so it can be stored and compared. */
export const requireTimestamp = (body: WebhookBody, key: string): string => {
  const value = requireString(body, key, 100)
  const time = Date.parse(value)
  if (Number.isNaN(time)) throw new MalformedWebhookError(`${key} must be a date.`)
  return new Date(time).toISOString()
}

/** A Postmark event id (a 64-bit integer), as decimal text so no digit is lost. */
export const requireEventId = (body: WebhookBody, key: string): string => {
  const value = body[key]
  if (typeof value === 'bigint' || Number.isSafeInteger(value)) return String(value)
  throw new MalformedWebhookError(`${key} must be an integer.`)
}

export const requireBoolean = (body: WebhookBody, key: string): boolean => {
  const value = body[key]
  if (typeof value !== 'boolean') throw new MalformedWebhookError(`${key} must be true or false.`)
  return value
}

export const metadataOf = (body: WebhookBody): Record<string, unknown> | undefined => {
  const value = body.Metadata
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value))
    throw new MalformedWebhookError('Metadata must be an object.')
  return value as Record<string, unknown>
}

/** Opens and clicks carry no event id; a redelivery repeats the same body, so its hash identifies the event. */
export const bodyHash = (body: WebhookBody): string =>
  createHash('sha256').update(webhookJson(body)).digest('base64url')
