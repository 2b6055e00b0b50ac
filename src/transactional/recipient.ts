import { EmailMarketingError } from '../errors/EmailMarketingError.js'
import type { Payload, PayloadRequest } from 'payload'

import { pluginOptionsOf } from '../pluginContext.js'
import { isEmailAddress } from '../utilities/isEmailAddress.js'

/** The address is not one Postmark could deliver to. */
export class InvalidRecipientError extends EmailMarketingError {
  constructor(address: string) {
    super(`"${address}" is not a valid email address.`, 400)
  }
}

export type RecipientContact = Record<string, unknown> & {
  email: string
  id: number
  status?: null | string
  statusReason?: null | string
}

/** Contact statuses that block every email, transactional included: the address cannot receive mail. */
const blockingStatuses = new Set(['bounced', 'complained'])

export const normalizeRecipient = (address: string): string => {
  const to = String(address ?? '')
    .trim()
    .toLowerCase()
  if (!isEmailAddress(to)) throw new InvalidRecipientError(String(address ?? ''))
  return to
}

export const findContactByEmail = async (
  payload: Payload,
  email: string,
  req?: Partial<PayloadRequest>,
): Promise<null | RecipientContact> => {
  const { docs } = await payload.find({
    collection: pluginOptionsOf(payload).slugs.contacts as 'users',
    depth: 0,
    limit: 1,
    pagination: false,
    req,
    where: { email: { equals: email } },
  })
  return (docs[0] as unknown as RecipientContact | undefined) ?? null
}

/** Why mail to this contact is refused, or null. Unsubscribing from marketing does not block transactional mail. */
export const suppressionReasonOf = (contact: null | RecipientContact): null | string => {
  if (!contact?.status || !blockingStatuses.has(contact.status)) return null
  return `Suppressed: the contact's address ${contact.status === 'bounced' ? 'hard-bounced' : 'reported a spam complaint'}${contact.statusReason ? ` (${contact.statusReason})` : ''}.`
}
