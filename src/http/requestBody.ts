import type { PayloadRequest } from 'payload'

import { APIError } from 'payload'

/** The body as text; 413 over `maxBytes` (public endpoints set it, authenticated ones may carry attachments). */
export const readBodyText = async (req: PayloadRequest, maxBytes?: number): Promise<string> => {
  const text = req.text ? await req.text() : ''
  if (maxBytes !== undefined && Buffer.byteLength(text) > maxBytes)
    throw new APIError('The request body is too large.', 413, null, true)
  return text
}

/** A JSON object from the body text; an empty body is `{}`, anything but an object is a 400. */
export const parseJsonObject = (text: string): Record<string, unknown> => {
  let parsed: unknown
  try {
    parsed = text.trim() ? JSON.parse(text) : {}
  } catch {
    throw new APIError('The request body is not valid JSON.', 400, null, true)
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new APIError('The request body must be a JSON object.', 400, null, true)
  return parsed as Record<string, unknown>
}

/** The request's JSON body as an object (see parseJsonObject). */
export const readJsonBody = async (
  req: PayloadRequest,
  { maxBytes }: { maxBytes?: number } = {},
): Promise<Record<string, unknown>> => parseJsonObject(await readBodyText(req, maxBytes))

export const optionalString = (body: Record<string, unknown>, key: string): string | undefined => {
  const value = body[key]
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string') throw new APIError(`\`${key}\` must be a string.`, 400, null, true)
  return value
}

export const requiredString = (body: Record<string, unknown>, key: string): string => {
  const value = optionalString(body, key)
  if (!value) throw new APIError(`\`${key}\` is required.`, 400, null, true)
  return value
}
