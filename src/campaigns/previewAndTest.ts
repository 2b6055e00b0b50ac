import type { Payload } from 'payload'

import { InvalidInputError } from '../errors/InvalidInputError.js'
import { sql } from '@payloadcms/db-postgres'
import { randomUUID } from 'node:crypto'

import { pluginOptionsOf } from '../pluginContext.js'
import { personalize } from '../rendering/renderEmail.js'
import { enqueueMessages } from '../sending/enqueueMessages.js'
import { signalOutboxWork } from '../sending/outboxSignal.js'
import { isEmailAddress, normalizeEmail } from '../utilities/isEmailAddress.js'
import { rowsOf, tableOf } from '../utilities/db.js'
import { loadCampaign } from './campaignActions.js'
import {
  campaignSender,
  personalScope,
  prepareCampaignVariant,
  variantsOf,
} from './campaignContent.js'

type ContactRow = Parameters<typeof personalScope>[0]

/** A contact by id or email, with the fields a preview personalises (also automation previews). */
export const contactForPreview = async (
  payload: Payload,
  where: { email?: string; id?: number },
): Promise<ContactRow | undefined> => {
  const contacts = tableOf(payload, pluginOptionsOf(payload).slugs.contacts)
  const condition =
    where.id !== undefined ? sql`id = ${where.id}` : sql`email = ${where.email ?? ''}`
  return rowsOf<ContactRow>(
    await payload.db.drizzle.execute(sql`
      SELECT id, email, first_name AS "firstName", last_name AS "lastName", company, phone, attributes
      FROM ${contacts} WHERE ${condition} LIMIT 1`),
  )[0]
}

/** The links a preview shows where a sent email has its signed unsubscribe and preferences links. */
export const previewLinks = {
  preferencesUrl: '#preferences-preview',
  unsubscribeUrl: '#unsubscribe-preview',
}

const existingContact = async (payload: Payload, contactId: number): Promise<ContactRow> => {
  const contact = await contactForPreview(payload, { id: contactId })
  if (!contact) throw new InvalidInputError(`Contact ${contactId} does not exist.`)
  return contact
}

/** The campaign rendered for one contact (or a sample one), as its recipient would get it. */
export const previewCampaign = async (
  payload: Payload,
  id: number,
  { contactId, variant = 0 }: { contactId?: number; variant?: number } = {},
) => {
  const campaign = await loadCampaign(payload, id)
  if (variant < 0 || variant >= variantsOf(campaign).length)
    throw new InvalidInputError(`The campaign has no variant ${variant}.`)
  const contact = contactId === undefined ? undefined : await existingContact(payload, contactId)
  const prepared = await prepareCampaignVariant(payload, campaign, variant)
  const scope = personalScope(contact ?? { email: 'preview@example.com', id: 0 }, {
    campaign: { id: campaign.id, name: campaign.name },
    ...previewLinks,
  })
  return personalize(prepared, scope)
}

/**
 * Sends the campaign (every variant) to test addresses through the outbox, ahead of broadcast
 * mail, each with its own dedupe key. With `contactId` every test shows that contact's data (the
 * composer's "preview as"); otherwise known addresses are personalised as their own contact.
 */
export const sendCampaignTest = async (
  payload: Payload,
  id: number,
  addresses: string[],
  { contactId }: { contactId?: number } = {},
) => {
  const cleaned = [...new Set(addresses.map((address) => String(normalizeEmail(address))))]
  const invalid = cleaned.filter((address) => !isEmailAddress(address))
  if (cleaned.length === 0 || cleaned.length > 20 || invalid.length > 0) {
    throw new InvalidInputError(
      invalid.length > 0
        ? `Not an email address: ${invalid.join(', ')}`
        : 'Give 1 to 20 test addresses.',
    )
  }
  const campaign = (await loadCampaign(payload, id)) as Awaited<ReturnType<typeof loadCampaign>> & {
    fromEmail?: string
    fromName?: string
    replyTo?: string
  }
  const picked = contactId === undefined ? undefined : await existingContact(payload, contactId)
  const from = campaignSender(payload, campaign)
  const variants = variantsOf(campaign)
  const inputs = []
  for (let variant = 0; variant < variants.length; variant += 1) {
    const prepared = await prepareCampaignVariant(payload, campaign, variant)
    for (const address of cleaned) {
      const contact = picked ??
        (await contactForPreview(payload, { email: address })) ?? { email: address, id: 0 }
      const email = personalize(
        prepared,
        personalScope(contact, {
          campaign: { id, name: campaign.name },
          ...previewLinks,
        }),
      )
      inputs.push({
        dedupeKey: `campaign-test:${id}:${randomUUID()}`,
        from: { address: from.address, name: from.name ?? undefined },
        html: email.html,
        kind: 'transactional' as const,
        metadata: { campaignTest: String(id) },
        replyTo: campaign.replyTo ?? undefined,
        subject: `[Test${variants.length > 1 ? ` ${String.fromCharCode(65 + variant)}` : ''}] ${email.subject}`,
        text: email.text,
        to: address,
      })
    }
  }
  const queued = await enqueueMessages(payload, inputs)
  signalOutboxWork(payload)
  return { addresses: cleaned, contact: picked?.email ?? null, queued: queued.length }
}
