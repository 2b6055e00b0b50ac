import type { CompiledMapping } from './columnMapping.js'
import type { RejectionReason } from './importStatuses.js'

import { isEmailAddress } from '../utilities/isEmailAddress.js'

/** A row ready for the contacts upsert; columns named as in the contacts table. */
export type ImportRow = {
  attributes: null | Record<string, string>
  company: null | string
  email: string
  first_name: null | string
  last_name: null | string
  phone: null | string
  row: number
}

export type RejectedRow = {
  email: null | string
  raw: string[]
  reason: RejectionReason
  row: number
}

const columnOf = {
  company: 'company',
  firstName: 'first_name',
  lastName: 'last_name',
  phone: 'phone',
} as const

const cell = (record: string[], index: number): null | string => {
  const value = record[index]?.trim()
  return value ? value : null
}

/**
 * Turns one CSV record into an upsert row or a rejection. `seen` holds the addresses met earlier in
 * the file, so the second occurrence of an address is reported instead of silently merged.
 */
export const classifyRow = (
  record: string[],
  row: number,
  mapping: CompiledMapping,
  seen: Set<string>,
): { accepted: ImportRow } | { rejected: RejectedRow } => {
  const rawEmail = cell(record, mapping.emailIndex)
  if (!rawEmail) return { rejected: { email: null, raw: record, reason: 'missing email', row } }
  const email = rawEmail.toLowerCase()
  if (!isEmailAddress(email))
    return { rejected: { email: rawEmail, raw: record, reason: 'invalid email', row } }
  if (seen.has(email)) return { rejected: { email, raw: record, reason: 'duplicate in file', row } }
  seen.add(email)
  const accepted: ImportRow = {
    attributes: null,
    company: null,
    email,
    first_name: null,
    last_name: null,
    phone: null,
    row,
  }
  for (const { field, index } of mapping.fields) accepted[columnOf[field]] = cell(record, index)
  for (const { index, name } of mapping.attributes) {
    const value = cell(record, index)
    if (value !== null) accepted.attributes = { ...accepted.attributes, [name]: value }
  }
  return { accepted }
}
