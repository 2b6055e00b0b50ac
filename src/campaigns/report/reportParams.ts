import type { PayloadRequest } from 'payload'

import { InvalidInputError } from '../../errors/InvalidInputError.js'
import { type BucketSize, bucketSizes } from './reportTimeline.js'
import { type RecipientFilter, recipientFilters } from './recipientEvents.js'

const param = (req: PayloadRequest, key: string): string | undefined => {
  const value = req.searchParams?.get(key)
  return value === null || value === undefined || value === '' ? undefined : value
}

const oneOf = <T extends string>(
  req: PayloadRequest,
  key: string,
  allowed: readonly T[],
): T | undefined => {
  const value = param(req, key)
  if (value === undefined) return undefined
  if (!(allowed as readonly string[]).includes(value))
    throw new InvalidInputError(`${key} must be one of ${allowed.join(', ')}.`)
  return value as T
}

const wholeNumber = (
  req: PayloadRequest,
  key: string,
  { fallback, max, min }: { fallback: number; max: number; min: number },
): number => {
  const value = param(req, key)
  if (value === undefined) return fallback
  const number = Number(value)
  if (!/^\d+$/.test(value) || number < min || number > max)
    throw new InvalidInputError(`${key} must be a whole number from ${min} to ${max}.`)
  return number
}

/** `?bucket=hour|day`; absent lets the timeline choose. */
export const bucketParam = (req: PayloadRequest): BucketSize | undefined =>
  oneOf(req, 'bucket', bucketSizes)

/** `?event=`: which recipients to list or export; everyone by default. */
export const filterParam = (req: PayloadRequest): RecipientFilter =>
  oneOf(req, 'event', recipientFilters) ?? 'all'

/** `?page=&limit=` of the recipients table. */
export const pageParams = (req: PayloadRequest): { limit: number; page: number } => ({
  limit: wholeNumber(req, 'limit', { fallback: 25, max: 100, min: 1 }),
  page: wholeNumber(req, 'page', { fallback: 1, max: 1_000_000, min: 1 }),
})
