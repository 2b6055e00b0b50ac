import type { Payload, PayloadRequest } from 'payload'

import { findLayout } from '../layouts/layoutForRendering.js'
import { audienceOf } from './audience.js'
import { audienceBreakdown } from './audienceBreakdown.js'
import { loadCampaign } from './campaignActions.js'
import { checkCampaign } from './campaignChecklist.js'
import { campaignSenderOf, isAbTest, layoutIdOf, variantsOf } from './campaignContent.js'

/**
 * Everything the review-and-send step shows before a send: the audience with its breakdown, the
 * sender, subject, preheader, layout, variants and the pre-send checklist. Read-only.
 */
export const reviewCampaign = async (
  payload: Payload,
  id: number,
  { req }: { req?: Partial<PayloadRequest> } = {},
) => {
  const campaign = (await loadCampaign(payload, id)) as Awaited<ReturnType<typeof loadCampaign>> & {
    fromEmail?: null | string
    fromName?: null | string
    replyTo?: null | string
  }
  const audience = audienceOf(campaign)
  const layout = await findLayout(payload, layoutIdOf(campaign), { req })
  return {
    abTest: isAbTest(campaign)
      ? {
          testOn: campaign.abTest?.testOn ?? 'subject',
          testPercent: campaign.abTest?.testPercent ?? null,
          variants: variantsOf(campaign).length,
          waitMinutes: campaign.abTest?.waitMinutes ?? null,
          winnerMetric: campaign.abTest?.winnerMetric ?? 'open',
        }
      : null,
    audience: await audienceBreakdown(payload, audience),
    checklist: await checkCampaign(payload, campaign, { req }),
    layout: layout ? { id: layout.id, name: layout.name ?? `#${layout.id}` } : null,
    name: campaign.name,
    preheader: campaign.preheader ?? null,
    replyTo: campaign.replyTo ?? null,
    sender: await campaignSenderOf(payload, campaign, audience, req),
    status: campaign.status,
    subject: campaign.subject,
  }
}
