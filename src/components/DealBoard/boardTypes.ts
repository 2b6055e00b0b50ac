import type { BoardColumn } from '../../deals/loadBoard.js'

export type { BoardCard } from '../../deals/boardQueries.js'
export type { BoardColumn }

export type BoardData = {
  columns: BoardColumn[]
  owners: { id: number; label: string }[]
  pipeline: { id: number; name: string }
}

export type BoardFiltersState = { owner: string; pipeline: string; status: string }
