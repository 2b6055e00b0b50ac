import type { Payload } from 'payload'

import { previewCampaign } from '../campaigns/previewAndTest.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { messageTimeline, type TimelineItem } from './messageTimeline.js'

type MessageDoc = {
  campaign?: null | number | { id: number }
  contact?: null | number | { id: number }
  html?: null | string
  kind: string
  subject?: null | string
  text?: null | string
  variant?: null | number
}

export type RenderedMessage = {
  html: null | string
  /** Why there is no HTML to show, or how it was obtained. */
  note: null | string
  /** Whether the HTML was rendered now (campaign rows are stored without a body). */
  rerendered: boolean
  subject: string
  text: null | string
  timeline: TimelineItem[]
}

const idOf = (value: MessageDoc['campaign']): null | number =>
  value === null || value === undefined ? null : typeof value === 'object' ? value.id : value

/**
 * One message as its recipient saw it. Rows that carry their body show it; campaign rows are
 * stored without one (they are rendered when claimed), so they are rendered again for their
 * contact and variant: the campaign is frozen once sent, so this is the email that went out,
 * except for the signed unsubscribe link, which the preview replaces.
 */
export const renderedMessage = async (
  payload: Payload,
  messageId: number,
  message: MessageDoc,
): Promise<RenderedMessage> => {
  const timeline = await messageTimeline(payload, messageId)
  const campaignId = idOf(message.campaign)
  if (message.html || message.kind !== 'campaign' || campaignId === null) {
    return {
      html: message.html ?? null,
      note: message.html
        ? null
        : message.text
          ? 'This email has only a plain-text body.'
          : 'This email has no stored body (a Postmark template renders it).',
      rerendered: false,
      subject: message.subject ?? '',
      text: message.text ?? null,
      timeline,
    }
  }
  const contactId = idOf(message.contact)
  const contactExists =
    contactId !== null &&
    (
      await payload.count({
        collection: pluginOptionsOf(payload).slugs.contacts as 'users',
        where: { id: { equals: contactId } },
      })
    ).totalDocs > 0
  if (!contactExists) {
    return {
      html: null,
      note: 'The contact no longer exists (erased or deleted), so the email cannot be rendered again.',
      rerendered: false,
      subject: message.subject ?? '',
      text: null,
      timeline,
    }
  }
  const email = await previewCampaign(payload, campaignId, {
    contactId: contactId ?? undefined,
    variant: message.variant ?? 0,
  })
  return {
    html: email.html,
    note: 'Rendered again from the campaign for this contact; the unsubscribe link is a placeholder.',
    rerendered: true,
    subject: email.subject,
    text: email.text,
    timeline,
  }
}
