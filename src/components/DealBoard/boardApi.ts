import type { BoardCard, BoardData, BoardFiltersState } from './boardTypes.js'

const json = async <T>(response: Response): Promise<T> => {
  const body = await response.json().catch(() => null)
  if (!response.ok) {
    const message =
      body?.errors?.[0]?.message ?? body?.message ?? `Request failed (${response.status}).`
    throw new Error(message)
  }
  return body as T
}

const query = (filters: BoardFiltersState, extra: Record<string, string> = {}) =>
  new URLSearchParams({
    ...(filters.owner ? { owner: filters.owner } : {}),
    pipeline: filters.pipeline,
    status: filters.status,
    ...extra,
  }).toString()

/** Calls the board endpoints and the deals REST API as the logged-in user (cookie auth). */
export const createBoardApi = (apiRoute: string, dealsSlug: string) => ({
  board: async (filters: BoardFiltersState, perColumn = 25): Promise<BoardData> =>
    json(
      await fetch(
        `${apiRoute}/email-marketing/deal-board?${query(filters, { perColumn: String(perColumn) })}`,
        { credentials: 'include' },
      ),
    ),
  moreCards: async (
    filters: BoardFiltersState,
    stage: string,
    after: number,
  ): Promise<{ cards: BoardCard[]; hasMore: boolean }> =>
    json(
      await fetch(
        `${apiRoute}/email-marketing/deal-board/cards?${query(filters, { after: String(after), stage })}`,
        { credentials: 'include' },
      ),
    ),
  moveDeal: async (id: number, stage: string): Promise<void> => {
    await json(
      await fetch(`${apiRoute}/${dealsSlug}/${id}?depth=0`, {
        body: JSON.stringify({ stage }),
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        method: 'PATCH',
      }),
    )
  },
})
