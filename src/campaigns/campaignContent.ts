import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'
import type { Payload, PayloadRequest } from 'payload'

import type { Audience } from './audience.js'

import { layoutForRendering } from '../layouts/layoutForRendering.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { lexicalToEmailHtml } from '../rendering/lexicalToEmailHtml.js'
import { type PreparedEmail, prepareEmail } from '../rendering/renderEmail.js'
import { resolveImageUploads } from './resolveImageUploads.js'

/** The fields of a campaign document the renderer and the fan-out read. */
export type CampaignDoc = {
  abTest?: {
    enabled?: boolean | null
    testOn?: 'content' | 'subject' | null
    testPercent?: null | number
    variants?: { content?: null | SerializedEditorState; subject?: null | string }[] | null
    waitMinutes?: null | number
    winner?: null | number
    winnerMetric?: 'click' | 'open' | null
  } | null
  content?: null | SerializedEditorState
  id: number
  layout?: { id: number } | null | number
  name: string
  preheader?: null | string
  subject: string
  updatedAt: string
}

export type CampaignVariant = { content: null | SerializedEditorState | undefined; subject: string }

export const isAbTest = (campaign: CampaignDoc): boolean =>
  Boolean(campaign.abTest?.enabled && (campaign.abTest.variants?.length ?? 0) >= 2)

/** Variant 0 is the campaign itself without an A/B test; with one, each variant overrides the tested part. */
export const variantsOf = (campaign: CampaignDoc): CampaignVariant[] => {
  if (!isAbTest(campaign)) return [{ content: campaign.content, subject: campaign.subject }]
  const onSubject = campaign.abTest?.testOn !== 'content'
  return (campaign.abTest?.variants ?? []).map((variant) => ({
    content: onSubject ? campaign.content : (variant.content ?? campaign.content),
    subject: onSubject ? variant.subject || campaign.subject : campaign.subject,
  }))
}

export const variantLabel = (index: number): string => String.fromCharCode(65 + index)

export const layoutIdOf = (campaign: CampaignDoc): number | undefined =>
  typeof campaign.layout === 'number' ? campaign.layout : (campaign.layout?.id ?? undefined)

/**
 * Renders the shared part of one variant once: Lexical → HTML, layout, Liquid compiled.
 * Throws TemplateSyntaxError (field, line, column) for broken Liquid.
 */
export const prepareCampaignVariant = async (
  payload: Payload,
  campaign: CampaignDoc,
  variant: number,
): Promise<PreparedEmail> => {
  const chosen = variantsOf(campaign)[variant]
  if (!chosen) throw new Error(`Campaign ${campaign.id} has no variant ${variantLabel(variant)}.`)
  return prepareEmail({
    html: lexicalToEmailHtml((await resolveImageUploads(payload, chosen.content)) ?? null),
    kind: 'marketing',
    layout: await layoutForRendering(payload, layoutIdOf(campaign)),
    preheader: campaign.preheader ?? undefined,
    subject: chosen.subject,
  })
}

/** The scope every campaign email is personalised with. */
export const personalScope = (
  contact: {
    attributes?: unknown
    company?: null | string
    email: string
    firstName?: null | string
    id: number
    lastName?: null | string
    phone?: null | string
  },
  extras: {
    campaign: { id: number; name: string }
    preferencesUrl: string
    unsubscribeUrl: string
  },
) => ({
  campaign: extras.campaign,
  contact: {
    ...(contact.attributes && typeof contact.attributes === 'object'
      ? (contact.attributes as Record<string, unknown>)
      : {}),
    attributes: contact.attributes ?? {},
    company: contact.company ?? undefined,
    email: contact.email,
    firstName: contact.firstName ?? undefined,
    id: contact.id,
    lastName: contact.lastName ?? undefined,
    phone: contact.phone ?? undefined,
  },
  preferences_url: extras.preferencesUrl,
  unsubscribe_url: extras.unsubscribeUrl,
})

export const campaignSender = (
  payload: Payload,
  campaign: { fromEmail?: null | string; fromName?: null | string },
) => {
  const { sending } = pluginOptionsOf(payload)
  return {
    address: campaign.fromEmail || sending.from.address,
    name: campaign.fromName || sending.from.name || null,
  }
}

/** The sender a campaign goes out with: its own, else its first list's, else the plugin default. */
export const campaignSenderOf = async (
  payload: Payload,
  campaign: { fromEmail?: null | string; fromName?: null | string },
  audience: Audience,
  req?: Partial<PayloadRequest>,
) => {
  let { fromEmail, fromName } = campaign
  if (!fromEmail && audience.lists[0]) {
    const { docs } = await payload.find({
      collection: pluginOptionsOf(payload).slugs.lists as 'users',
      depth: 0,
      limit: 1,
      pagination: false,
      req,
      // Only what the sender needs: a list read in full also counts all its subscribers.
      select: { fromEmail: true, fromName: true } as never,
      where: { id: { equals: audience.lists[0] } },
    })
    const list = docs[0] as unknown as undefined | { fromEmail?: string; fromName?: string }
    fromEmail = list?.fromEmail
    fromName = fromName || list?.fromName
  }
  return campaignSender(payload, { fromEmail, fromName })
}
