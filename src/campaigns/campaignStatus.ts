import { EmailMarketingError } from '../errors/EmailMarketingError.js'
/** draft → scheduled → sending → sent, plus paused and cancelled. */
export const campaignStatuses = [
  'draft',
  'scheduled',
  'sending',
  'paused',
  'sent',
  'cancelled',
] as const

export type CampaignStatus = (typeof campaignStatuses)[number]

/**
 * Every allowed status change, in one place (listmonk's UpdateCampaignStatus). `scheduled → draft`
 * unschedules; `sent` and `cancelled` are final.
 */
const allowed: Record<CampaignStatus, readonly CampaignStatus[]> = {
  cancelled: [],
  draft: ['scheduled', 'sending', 'cancelled'],
  paused: ['sending', 'cancelled'],
  scheduled: ['draft', 'sending', 'paused', 'cancelled'],
  sending: ['paused', 'sent', 'cancelled'],
  sent: [],
}

export class CampaignTransitionError extends EmailMarketingError {
  constructor(
    readonly from: CampaignStatus,
    readonly to: CampaignStatus,
  ) {
    super(`A ${from} campaign cannot become ${to}.`, 409)
  }
}

export const canTransition = (from: CampaignStatus, to: CampaignStatus): boolean =>
  from === to || allowed[from].includes(to)

/** Throws a CampaignTransitionError unless `from → to` is listed above. */
export const assertTransition = (from: CampaignStatus, to: CampaignStatus): void => {
  if (!canTransition(from, to)) throw new CampaignTransitionError(from, to)
}

/** Only a draft's content, audience and sender may change; unschedule or duplicate to change anything else. */
export const isEditable = (status: CampaignStatus): boolean => status === 'draft'
