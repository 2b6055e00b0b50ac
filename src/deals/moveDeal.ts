import type { CollectionSlug, Payload, PayloadRequest, TypedUser } from 'payload'

import { pluginOptionsOf } from '../pluginContext.js'
import type { DealStatus } from './dealStatuses.js'

export type MoveDealInput = {
  id: number | string
  lostReason?: string
  stageId?: string
  status?: DealStatus
}

/**
 * Moves a deal to another stage of its pipeline and/or marks it won or lost, as `user` when given
 * (their access applies) or with full access. Records the history and publishes `deal.stageChanged`.
 */
export const moveDeal = async (
  payload: Payload,
  { id, lostReason, stageId, status }: MoveDealInput,
  { req, user }: { req?: Partial<PayloadRequest>; user?: TypedUser } = {},
) =>
  payload.update({
    collection: pluginOptionsOf(payload).slugs.deals as CollectionSlug,
    data: {
      ...(stageId ? { stage: stageId } : {}),
      ...(status ? { status } : {}),
      ...(lostReason ? { lostReason } : {}),
    } as Record<string, unknown>,
    depth: 0,
    id,
    overrideAccess: !user,
    req,
    user,
  })
