import type { PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { clientAddress } from '../../access/clientAddress.js'
import { parseJsonObject, readBodyText } from '../../http/requestBody.js'

export type FormInput = Record<string, string | string[]>

const maxBodyBytes = 64 * 1024

/** Postgres text cannot hold NUL; such input is refused here instead of failing a query later. */
const assertNoNul = (value: string): string => {
  if (value.includes('\u0000'))
    throw new APIError('The request contains an invalid character.', 400)
  return value
}

export const isJsonRequest = (req: PayloadRequest): boolean =>
  (req.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')

const fromEntries = (entries: Iterable<[string, unknown]>): FormInput => {
  const input: FormInput = {}
  for (const [key, value] of entries) {
    if (typeof value !== 'string') continue
    assertNoNul(key)
    assertNoNul(value)
    const current = input[key]
    input[key] =
      current === undefined ? value : [...(Array.isArray(current) ? current : [current]), value]
  }
  return input
}

/** The body of a JSON, URL-encoded or multipart POST as flat fields; anything else is 400/413. */
export const readBody = async (req: PayloadRequest): Promise<FormInput> => {
  const type = (req.headers.get('content-type') ?? '').toLowerCase()
  if (type.startsWith('multipart/form-data')) {
    try {
      return fromEntries((await req.formData!()).entries())
    } catch {
      throw new APIError('The form data could not be read.', 400)
    }
  }
  const text = await readBodyText(req, maxBodyBytes)
  if (type.startsWith('application/json')) {
    const input: FormInput = {}
    for (const [key, value] of Object.entries(parseJsonObject(text))) {
      assertNoNul(key)
      if (typeof value === 'string') input[key] = assertNoNul(value)
      else if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
        input[key] = (value as string[]).map(assertNoNul)
    }
    return input
  }
  return fromEntries(new URLSearchParams(text).entries())
}

export const firstOf = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value

export const allOf = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

export const queryParam = (req: PayloadRequest, name: string): string | undefined => {
  const value = req.searchParams.get(name)
  return value === null ? undefined : assertNoNul(value)
}

/** The client address: forwarded headers only from `trustedProxies` (see `clientAddress`). */
export const clientIp = (req: PayloadRequest): string => clientAddress(req)

export const userAgentOf = (req: PayloadRequest): string | undefined =>
  req.headers.get('user-agent')?.slice(0, 500) || undefined
