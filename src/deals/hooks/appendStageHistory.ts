import type { CollectionBeforeChangeHook } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../../types.js'

import { idOf } from '../../utilities/idOf.js'

export type StageChange = {
  at: string
  by: null | number | string
  fromStage: null | string
  status: string
  toStage: string
}

/**
 * Appends one history row when a deal is created or its stage or status changes. The history is
 * the server's record: whatever a client sends for it is ignored.
 */
export const appendStageHistory =
  (options: SanitizedEmailMarketingOptions): CollectionBeforeChangeHook =>
  ({ data, operation, originalDoc, req }) => {
    const previous =
      operation === 'update'
        ? (originalDoc as { history?: StageChange[]; stage?: string; status?: string })
        : undefined
    const history = (previous?.history ?? []).map((row) => ({ ...row, by: idOf(row.by) }))
    const stage = data.stage ?? previous?.stage
    const status = data.status ?? previous?.status ?? 'open'
    if (previous && stage === previous.stage && status === previous.status) {
      return { ...data, history }
    }
    const by = req.user?.collection === options.adminUserSlug ? req.user.id : null
    const change: StageChange = {
      at: new Date().toISOString(),
      by,
      fromStage: previous?.stage ?? null,
      status,
      toStage: stage,
    }
    return { ...data, history: [...history, change] }
  }
