import type { Payload } from 'payload'

import type { ClaimedMessage } from './outboxTypes.js'

import { renderCampaignRows } from '../campaigns/renderCampaignRows.js'
import { BatchCallError, type Mailer } from './mailer.js'
import { recordBatchFailure, recordOutcomes, recordRenderFailures } from './recordOutcomes.js'

export type DeliveryCounts = { accepted: number; failedCalls: number; rejected: number }

/** Sends claimed rows (templated and plain ones in separate calls) and records every result. */
export const deliverBatch = async (
  payload: Payload,
  mailer: Mailer,
  claimed: ClaimedMessage[],
  { now }: { now: () => Date },
): Promise<DeliveryCounts> => {
  const counts: DeliveryCounts = { accepted: 0, failedCalls: 0, rejected: 0 }
  const { failed, ready } = await renderCampaignRows(payload, claimed)
  await recordRenderFailures(payload, failed)
  counts.rejected += failed.length
  const groups = [ready.filter((message) => message.templateAlias), ready.filter((message) => !message.templateAlias)]
  for (const group of groups.filter((messages) => messages.length > 0)) {
    try {
      const outcomes = await mailer.sendBatch(group)
      await recordOutcomes(payload, outcomes, { captured: mailer.name === 'capture', now: now() })
      for (const outcome of outcomes) counts[outcome.status === 'accepted' ? 'accepted' : 'rejected'] += 1
    } catch (error) {
      if (!(error instanceof BatchCallError)) throw error
      counts.failedCalls += 1
      payload.logger.warn({ msg: `email-marketing: ${error.message}; ${group.length} messages will be retried` })
      await recordBatchFailure(
        payload,
        group.map((message) => message.id),
        { error: error.message, now: now(), outcome: error.outcome },
      )
    }
  }
  return counts
}
