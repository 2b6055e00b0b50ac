import type { Payload } from 'payload'

import { previewCampaign, previewLinks } from '../../src/campaigns/previewAndTest'
import { unsubscribeUrlFor } from '../../src/subscriptions/unsubscribeLinks'

/**
 * The average size of a campaign's HTML and text parts as its recipients get them: the campaign
 * rendered for each sampled contact, with the preview's unsubscribe link replaced by the signed one
 * a send writes (its message id assumed as long as the contact's id).
 */
export const campaignEmailBytes = async (
  payload: Payload,
  campaignId: number,
  contactIds: number[],
): Promise<{ htmlBytes: number; textBytes: number }> => {
  let html = 0
  let text = 0
  for (const contactId of contactIds) {
    const email = await previewCampaign(payload, campaignId, { contactId })
    const link = unsubscribeUrlFor(payload, { contactId, messageId: contactId })
    html += Buffer.byteLength(email.html.replaceAll(previewLinks.unsubscribeUrl, link))
    text += Buffer.byteLength(email.text.replaceAll(previewLinks.unsubscribeUrl, link))
  }
  return {
    htmlBytes: Math.round(html / contactIds.length),
    textBytes: Math.round(text / contactIds.length),
  }
}
