import type { Payload } from 'payload'

import type { ClaimedMessage } from './outboxTypes.js'

import { withUnsubscribeLinks } from '../subscriptions/withUnsubscribeLinks.js'
import { batchLeases } from './batchLeases.js'
import { renderClaimed } from './claimRenderers.js'
import { BatchCallError, type Mailer } from './mailer.js'
import { recordBatchFailure, recordRenderFailures } from './recordOutcomes.js'
import { suppressAtSendTime } from './suppressAtSendTime.js'

export type DeliveryCounts = {
  accepted: number
  failedCalls: number
  rejected: number
  suppressed: number
}

/**
 * Sends claimed rows and records every result: rows that may no longer be sent end `suppressed`,
 * the registered claim-time renderers render theirs (campaign rows), marketing rows get their
 * unsubscribe link and headers, then templated and plain ones go out in separate calls. Leased
 * campaign emails get their outbox rows with their results (see batchLeases). `afterCalls` runs
 * once the batch's last Postmark call has returned (at once when nothing is left to send), before
 * the results are written.
 */
export const deliverBatch = async (
  payload: Payload,
  mailer: Mailer,
  claimed: ClaimedMessage[],
  { afterCalls, now }: { afterCalls?: () => void; now: () => Date },
): Promise<DeliveryCounts> => {
  const counts: DeliveryCounts = { accepted: 0, failedCalls: 0, rejected: 0, suppressed: 0 }
  const leases = batchLeases(payload)
  const allowed = await suppressAtSendTime(payload, claimed, {
    beforeSuppressing: leases.asOutboxRows,
  })
  counts.suppressed = allowed.suppressed
  const rendered = await renderClaimed(payload, allowed.ready)
  const { failed, ready } = withUnsubscribeLinks(payload, rendered.ready)
  const failures = [...rendered.failed, ...failed]
  if (failures.length > 0) {
    const failedIds = new Set(failures.map((failure) => failure.id))
    await leases.asOutboxRows(claimed.filter((message) => failedIds.has(message.id)))
    await recordRenderFailures(payload, failures)
  }
  counts.rejected += failures.length
  const groups = [
    ready.filter((message) => message.templateAlias),
    ready.filter((message) => !message.templateAlias),
  ]
  const calls = groups.filter((messages) => messages.length > 0)
  let callsLeft = calls.length
  const callEnded = () => {
    callsLeft -= 1
    if (callsLeft === 0) afterCalls?.()
  }
  if (callsLeft === 0) afterCalls?.()
  for (const group of calls) {
    try {
      const outcomes = await mailer.sendBatch(group).finally(callEnded)
      await leases.recordSent(group, outcomes, { captured: mailer.name === 'capture', now: now() })
      for (const outcome of outcomes)
        counts[outcome.status === 'accepted' ? 'accepted' : 'rejected'] += 1
    } catch (error) {
      if (!(error instanceof BatchCallError)) throw error
      counts.failedCalls += 1
      payload.logger.warn({
        msg: `email-marketing: ${error.message}; ${group.length} messages will be retried`,
      })
      await leases.asOutboxRows(group)
      await recordBatchFailure(
        payload,
        group.map((message) => message.id),
        { error: error.message, now: now(), outcome: error.outcome },
      )
    }
  }
  return counts
}
