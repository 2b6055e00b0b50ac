'use client'
import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core'
import { Button } from '@payloadcms/ui'
import type React from 'react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import type { BoardCard, BoardData, BoardFiltersState } from './boardTypes.js'

import { createBoardApi } from './boardApi.js'
import { BoardColumn } from './BoardColumn.js'
import { BoardFilters } from './BoardFilters.js'
import { DealCard } from './DealCard.js'
import { useBoardState } from './useBoardState.js'

export type DealBoardProps = {
  adminRoute: string
  apiRoute: string
  dealsSlug: string
  initialBoard: BoardData | null
  initialError?: string
  initialFilters: BoardFiltersState
  pipelines: { id: number; name: string }[]
}

type Move = { card: BoardCard; from: string; to: string }

const focusCard = (id: number) =>
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>(`[data-deal-id="${id}"]`)?.focus(),
  )

/** The deal board: one column per stage, drag (or arrow keys + Enter) to move a deal, with undo. */
export const DealBoard: React.FC<DealBoardProps> = ({
  adminRoute,
  apiRoute,
  dealsSlug,
  initialBoard,
  initialError,
  initialFilters,
  pipelines,
}) => {
  const api = useMemo(() => createBoardApi(apiRoute, dealsSlug), [apiRoute, dealsSlug])
  const { appendPage, applyTotals, board, placeCard, setBoard } = useBoardState(initialBoard)
  const [filters, setFilters] = useState(initialFilters)
  const [error, setError] = useState<null | string>(initialError ?? null)
  const [lastMove, setLastMove] = useState<Move | null>(null)
  const [pending, setPending] = useState<{ dealId: number; stageId: string } | null>(null)
  const [loadingMore, setLoadingMore] = useState<null | string>(null)
  const [dragged, setDragged] = useState<BoardCard | null>(null)
  // The filters the shown board was loaded with: the server's render, then each fetch (survives strict mode's double effects).
  const loadedFor = useRef(initialBoard ? JSON.stringify(initialFilters) : '')
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }))
  // Marks the board interactive: keys pressed on the server-rendered cards before hydration do nothing.
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])

  useEffect(() => {
    const key = JSON.stringify(filters)
    if (!filters.pipeline || loadedFor.current === key) return
    loadedFor.current = key
    window.history.replaceState(null, '', `?${new URLSearchParams(filters).toString()}`)
    setLastMove(null)
    api.board(filters).then(setBoard, (reason: Error) => setError(reason.message))
  }, [api, filters, setBoard])

  const stageName = useCallback(
    (stageId: string) =>
      board?.columns.find((column) => column.stageId === stageId)?.name ?? stageId,
    [board],
  )

  const move = useCallback(
    async (card: BoardCard, to: string, { isUndo = false } = {}) => {
      const from = card.stageId
      if (from === to) return
      placeCard(card, to)
      focusCard(card.id)
      setError(null)
      try {
        await api.moveDeal(card.id, to)
        setLastMove(isUndo ? null : { card: { ...card, stageId: to }, from, to })
        applyTotals(await api.board(filters, 0))
      } catch (reason) {
        placeCard({ ...card, stageId: to }, from)
        setError(`Could not move "${card.title}": ${(reason as Error).message}`)
      }
    },
    [api, applyTotals, filters, placeCard],
  )

  const onCardKeyDown = (event: React.KeyboardEvent, card: BoardCard) => {
    if (event.target !== event.currentTarget || !board) return
    const current = pending?.dealId === card.id ? pending.stageId : card.stageId
    const index = board.columns.findIndex((column) => column.stageId === current)
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault()
      const next =
        board.columns[
          Math.min(
            Math.max(index + (event.key === 'ArrowRight' ? 1 : -1), 0),
            board.columns.length - 1,
          )
        ]
      setPending(next.stageId === card.stageId ? null : { dealId: card.id, stageId: next.stageId })
    } else if (event.key === 'Enter' && pending?.dealId === card.id) {
      event.preventDefault()
      setPending(null)
      void move(card, pending.stageId)
    } else if (event.key === 'Escape') {
      setPending(null)
    }
  }

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragged(null)
    const card = active.data.current?.card as BoardCard | undefined
    const to = over?.data.current?.stageId as string | undefined
    if (card && to) void move(card, to)
  }

  const loadMore = async (stageId: string, cursor: null | number) => {
    if (cursor === null) return
    setLoadingMore(stageId)
    try {
      appendPage(stageId, await api.moreCards(filters, stageId, cursor))
    } catch (reason) {
      setError((reason as Error).message)
    } finally {
      setLoadingMore(null)
    }
  }

  return (
    <div className="deal-board" data-hydrated={hydrated ? 'true' : undefined}>
      <BoardFilters
        filters={filters}
        onChange={setFilters}
        owners={board?.owners ?? []}
        pipelines={pipelines}
      />
      {error ? (
        <p className="deal-board__error" role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {error}
        </p>
      ) : null}
      {lastMove ? (
        <div
          className="deal-board__undo"
          role="status"
          style={{ alignItems: 'center', display: 'flex', gap: 8, marginBottom: 8 }}
        >
          Moved “{lastMove.card.title}” from {stageName(lastMove.from)} to {stageName(lastMove.to)}.
          <Button
            buttonStyle="secondary"
            margin={false}
            onClick={() => void move(lastMove.card, lastMove.from, { isUndo: true })}
            size="small"
          >
            Undo
          </Button>
        </div>
      ) : null}
      {!board ? (
        <p>
          {pipelines.length === 0 ? 'No pipelines yet: create one under Pipelines.' : 'Loading…'}
        </p>
      ) : (
        <DndContext
          id="deal-board"
          onDragCancel={() => setDragged(null)}
          onDragEnd={onDragEnd}
          onDragStart={({ active }) => setDragged((active.data.current?.card as BoardCard) ?? null)}
          sensors={sensors}
        >
          <div
            className="deal-board__columns"
            style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 12 }}
          >
            {board.columns.map((column, index) => (
              <BoardColumn
                column={column}
                key={column.stageId}
                loadingMore={loadingMore === column.stageId}
                onLoadMore={() => void loadMore(column.stageId, column.cursor)}
              >
                {column.cards.map((card) => (
                  <DealCard
                    adminRoute={adminRoute}
                    card={card}
                    dealsSlug={dealsSlug}
                    key={card.id}
                    nextStage={board.columns[index + 1]}
                    onKeyDown={onCardKeyDown}
                    onMove={(target, stageId) => void move(target, stageId)}
                    pendingTarget={
                      pending?.dealId === card.id ? stageName(pending.stageId) : undefined
                    }
                    previousStage={board.columns[index - 1]}
                  />
                ))}
              </BoardColumn>
            ))}
          </div>
          <DragOverlay>
            {dragged ? (
              <div
                style={{
                  background: 'var(--theme-elevation-0)',
                  border: '1px solid var(--theme-elevation-400)',
                  borderRadius: 4,
                  padding: '8px 10px',
                }}
              >
                {dragged.title}
              </div>
            ) : null}
          </DragOverlay>
        </DndContext>
      )}
    </div>
  )
}
