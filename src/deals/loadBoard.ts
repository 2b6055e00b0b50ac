import type { CollectionSlug, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { BoardCard, BoardFilters, StageTotal } from './boardQueries.js'

import { guard } from '../access/guard.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { ownerRestrictionOf } from './dealAccess.js'
import { dealStatuses, type DealStatus } from './dealStatuses.js'
import { pipelineOwners, stageCards, stageTotals } from './boardQueries.js'

export type BoardStage = { name: string; stageId: string; winProbability: number }

export type BoardColumn = BoardStage & {
  cards: BoardCard[]
  count: number
  hasMore: boolean
  totals: Omit<StageTotal, 'stageId'>[]
}

export type BoardQuery = { owner?: null | string; pipeline?: null | string; status?: null | string }

/** Checks the user may read deals and turns query parameters into filters, narrowed under 'ownerOnly'. */
export const boardFiltersFor = async (
  req: PayloadRequest,
  query: BoardQuery,
): Promise<{ filters: BoardFilters; stages: BoardStage[]; pipelineName: string }> => {
  const user = await guard(req, 'readContacts')
  const options = pluginOptionsOf(req.payload)
  const readDeals =
    req.payload.collections[options.slugs.deals as CollectionSlug]?.config.access.read
  if (readDeals && !(await readDeals({ req })))
    throw new APIError('You are not allowed to read deals.', 403)
  const pipelineId = Number(query.pipeline)
  if (!Number.isInteger(pipelineId) || pipelineId <= 0)
    throw new APIError('Pass the pipeline id as ?pipeline=<id>.', 400)
  const status = query.status && query.status !== 'all' ? query.status : null
  if (status && !dealStatuses.includes(status as DealStatus)) {
    throw new APIError(`Unknown status "${status}": use ${dealStatuses.join(', ')} or all.`, 400)
  }
  const requestedOwner = query.owner === 'me' ? user.id : query.owner ? Number(query.owner) : null
  if (requestedOwner !== null && !Number.isInteger(Number(requestedOwner)))
    throw new APIError('owner must be a user id or "me".', 400)
  const restrictedTo = ownerRestrictionOf(req, options)
  if (
    restrictedTo !== null &&
    requestedOwner !== null &&
    String(requestedOwner) !== String(restrictedTo)
  ) {
    throw new APIError('You can only see your own deals.', 403)
  }
  const pipeline = (await req.payload.findByID({
    collection: options.slugs.pipelines as CollectionSlug,
    depth: 0,
    disableErrors: true,
    id: pipelineId,
    overrideAccess: false,
    req,
  })) as {
    name: string
    stages?: { name: string; stageId: string; winProbability: number }[]
  } | null
  if (!pipeline) throw new APIError(`Pipeline ${pipelineId} was not found.`, 404)
  return {
    filters: {
      owner: restrictedTo ?? requestedOwner,
      pipelineId,
      status: status as DealStatus | null,
    },
    pipelineName: pipeline.name,
    stages: (pipeline.stages ?? []).map(({ name, stageId, winProbability }) => ({
      name,
      stageId,
      winProbability: winProbability ?? 0,
    })),
  }
}

/** The board of one pipeline: every stage with its totals and its first `perColumn` cards. */
export const loadBoard = async (
  req: PayloadRequest,
  query: BoardQuery & { perColumn?: number },
) => {
  const { filters, pipelineName, stages } = await boardFiltersFor(req, query)
  const options = pluginOptionsOf(req.payload)
  const limit = query.perColumn ?? 25
  const stageIds = stages.map((stage) => stage.stageId)
  const [totals, cards, owners] = await Promise.all([
    stageTotals(req.payload, options, filters),
    limit > 0
      ? stageCards(req.payload, options, filters, { limit, stageIds })
      : Promise.resolve([]),
    pipelineOwners(req.payload, options, filters),
  ])
  const columns: BoardColumn[] = stages.map((stage) => {
    const stageTotalsRows = totals
      .filter((row) => row.stageId === stage.stageId)
      .map(({ stageId: _stageId, ...row }) => row)
    const stageCardsRows = cards.filter((card) => card.stageId === stage.stageId)
    return {
      ...stage,
      cards: stageCardsRows.slice(0, limit),
      count: stageTotalsRows.reduce((sum, row) => sum + row.count, 0),
      hasMore: stageCardsRows.length > limit,
      totals: stageTotalsRows,
    }
  })
  return { columns, filters, owners, pipeline: { id: filters.pipelineId, name: pipelineName } }
}

/** The next page of one column, after the card with id `after`. */
export const loadColumnPage = async (
  req: PayloadRequest,
  query: BoardQuery & { after?: number; limit?: number; stage?: null | string },
) => {
  const { filters, stages } = await boardFiltersFor(req, query)
  if (!query.stage || !stages.some((stage) => stage.stageId === query.stage)) {
    throw new APIError(`Stage "${query.stage ?? ''}" is not a stage of this pipeline.`, 400)
  }
  const limit = Math.min(Math.max(query.limit ?? 25, 1), 100)
  const cards = await stageCards(req.payload, pluginOptionsOf(req.payload), filters, {
    afterId: query.after,
    limit,
    stageIds: [query.stage],
  })
  return { cards: cards.slice(0, limit), hasMore: cards.length > limit }
}
