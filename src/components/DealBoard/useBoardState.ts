'use client'
import { useCallback, useState } from 'react'

import type { BoardCard, BoardColumn, BoardData } from './boardTypes.js'

export type ColumnState = BoardColumn & { cursor: null | number }
export type BoardState = Omit<BoardData, 'columns'> & { columns: ColumnState[] }

const withCursors = (board: BoardData): BoardState => ({
  ...board,
  columns: board.columns.map((column) => ({ ...column, cursor: column.cards.at(-1)?.id ?? null })),
})

const byNewest = (a: BoardCard, b: BoardCard) => b.id - a.id

/** Board data on the client: whole loads, a column's next page, a card placed in another column, fresh totals. */
export const useBoardState = (initial: BoardData | null) => {
  const [board, setBoardState] = useState<BoardState | null>(initial ? withCursors(initial) : null)

  const setBoard = useCallback((data: BoardData) => setBoardState(withCursors(data)), [])

  const appendPage = useCallback(
    (stageId: string, page: { cards: BoardCard[]; hasMore: boolean }) => {
      setBoardState(
        (current) =>
          current && {
            ...current,
            columns: current.columns.map((column) => {
              if (column.stageId !== stageId) return column
              const seen = new Set(column.cards.map((card) => card.id))
              return {
                ...column,
                cards: [...column.cards, ...page.cards.filter((card) => !seen.has(card.id))],
                cursor: page.cards.at(-1)?.id ?? column.cursor,
                hasMore: page.hasMore,
              }
            }),
          },
      )
    },
    [],
  )

  const placeCard = useCallback((card: BoardCard, stageId: string) => {
    setBoardState(
      (current) =>
        current && {
          ...current,
          columns: current.columns.map((column) => {
            const cards = column.cards.filter((other) => other.id !== card.id)
            if (column.stageId !== stageId)
              return cards.length === column.cards.length
                ? column
                : { ...column, cards, count: column.count - 1 }
            return {
              ...column,
              cards: [...cards, { ...card, stageId }].sort(byNewest),
              count: column.count + 1,
            }
          }),
        },
    )
  }, [])

  const applyTotals = useCallback((fresh: BoardData) => {
    setBoardState(
      (current) =>
        current && {
          ...current,
          columns: current.columns.map((column) => {
            const totals = fresh.columns.find((other) => other.stageId === column.stageId)
            return totals ? { ...column, count: totals.count, totals: totals.totals } : column
          }),
          owners: fresh.owners,
        },
    )
  }, [])

  return { appendPage, applyTotals, board, placeCard, setBoard }
}
