import type { Payload, Where } from 'payload'

import { pluginOptionsOf } from '../pluginContext.js'
import {
  type UnsentCampaignEmail,
  unsentCampaignEmailsOf,
} from '../sending/recipients/unsentCampaignEmailsOf.js'
import { contactReferences } from './contactReferences.js'

export type ContactDataExport = {
  contact: Record<string, unknown>
  exportedAt: string
  /** Documents of other collections that reference the contact (or, for messages, were sent to its address), by slug. */
  related: Record<string, Record<string, unknown>[]>
  /** Campaign emails to the contact that have no message row yet: waiting to be sent, or being sent. */
  unsentCampaignEmails: UnsentCampaignEmail[]
}

/**
 * Everything the site holds about one contact (a data-protection access request): the contact
 * with its tags, and every document of any installed collection that points at it, plus messages
 * sent to its address without a contact link and campaign emails not yet written as messages.
 */
export const exportContactData = async (
  payload: Payload,
  contactId: number,
): Promise<ContactDataExport> => {
  const { slugs } = pluginOptionsOf(payload)
  const contact = (await payload.findByID({
    collection: slugs.contacts as 'users',
    depth: 1,
    id: contactId,
  })) as unknown as Record<string, unknown>
  const related: ContactDataExport['related'] = {}
  for (const reference of contactReferences(payload)) {
    const byContact: Where = {
      [reference.field]: reference.hasMany ? { in: [contactId] } : { equals: contactId },
    }
    const where: Where =
      reference.collection === slugs.messages
        ? { or: [byContact, { toAddress: { equals: contact.email } }] }
        : byContact
    const { docs } = await payload.find({
      collection: reference.collection as 'users',
      depth: 0,
      pagination: false,
      where,
    })
    if (docs.length === 0) continue
    const seen = new Set((related[reference.collection] ?? []).map((doc) => doc.id))
    related[reference.collection] = [
      ...(related[reference.collection] ?? []),
      ...(docs as unknown as Record<string, unknown>[]).filter((doc) => !seen.has(doc.id)),
    ]
  }
  return {
    contact,
    exportedAt: new Date().toISOString(),
    related,
    unsentCampaignEmails: await unsentCampaignEmailsOf(payload, contactId),
  }
}
