import type { AdminViewServerProps, CollectionSlug } from 'payload'

import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import { redirect } from 'next/navigation.js'

import type { BoardData, BoardFiltersState } from './boardTypes.js'

import { loadBoard } from '../../deals/loadBoard.js'
import { pluginOptionsOf } from '../../pluginContext.js'
import { DealBoard } from './index.client.js'

const first = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value

/**
 * /admin/deal-board: renders the chosen pipeline's columns and first cards on the server, so the
 * board shows without a client round trip; the client component takes over for filters and moves.
 */
export const DealBoardView = async ({
  i18n,
  initPageResult,
  params,
  payload,
  permissions,
  searchParams,
  user,
  visibleEntities,
}: AdminViewServerProps) => {
  const { req } = initPageResult
  const { routes } = payload.config
  if (!req.user)
    redirect(`${routes.admin}/login?redirect=${encodeURIComponent(`${routes.admin}/deal-board`)}`)
  const options = pluginOptionsOf(payload)
  const pipelines = await payload.find({
    collection: options.slugs.pipelines as CollectionSlug,
    depth: 0,
    limit: 200,
    overrideAccess: false,
    pagination: false,
    req,
    select: { name: true },
    sort: 'name',
  })
  const pipelineList = pipelines.docs.map((doc) => ({
    id: doc.id as number,
    name: String((doc as { name?: string }).name ?? doc.id),
  }))
  const filters: BoardFiltersState = {
    owner: first(searchParams?.owner) ?? '',
    pipeline: first(searchParams?.pipeline) ?? String(pipelineList[0]?.id ?? ''),
    status: first(searchParams?.status) ?? 'open',
  }
  let initialBoard: BoardData | null = null
  let initialError: string | undefined
  if (filters.pipeline) {
    try {
      initialBoard = (await loadBoard(req, {
        ...filters,
        owner: filters.owner || null,
      })) as BoardData
    } catch (error) {
      initialError = (error as Error).message
    }
  }
  return (
    <DefaultTemplate
      i18n={i18n}
      locale={initPageResult.locale}
      params={params}
      payload={payload}
      permissions={permissions}
      req={req}
      searchParams={searchParams}
      user={user}
      visibleEntities={visibleEntities ?? initPageResult.visibleEntities}
    >
      <Gutter>
        <h1 style={{ margin: '24px 0 12px' }}>Deal board</h1>
        <DealBoard
          adminRoute={routes.admin}
          apiRoute={routes.api}
          dealsSlug={options.slugs.deals}
          initialBoard={initialBoard}
          initialError={initialError}
          initialFilters={filters}
          pipelines={pipelineList}
        />
      </Gutter>
    </DefaultTemplate>
  )
}
