import type { CollectionAfterChangeHook } from 'payload'

import { recordContactEventsFor } from '../../events/recordContactEvents.js'
import { idOf } from '../../utilities/idOf.js'

type DealDoc = {
  contacts?: unknown[]
  id: number
  pipeline?: unknown
  stage: string
  status: 'lost' | 'open' | 'won'
}

/** Records `deal.stageChanged` (in the write's transaction) when a deal is created, moves stage, or is won or lost. */
export const publishStageChange: CollectionAfterChangeHook = async ({
  doc,
  operation,
  previousDoc,
  req,
}) => {
  const deal = doc as DealDoc
  const before = operation === 'update' ? (previousDoc as DealDoc | undefined) : undefined
  if (before && before.stage === deal.stage && before.status === deal.status) return doc
  await recordContactEventsFor(req, [
    {
      contactIds: (deal.contacts ?? [])
        .map(idOf)
        .filter((id): id is number => typeof id === 'number'),
      dealId: deal.id,
      pipelineId: Number(idOf(deal.pipeline)),
      previousStageId: before?.stage ?? null,
      stageId: deal.stage,
      status: deal.status,
      type: 'deal.stageChanged',
    },
  ])
  return doc
}
