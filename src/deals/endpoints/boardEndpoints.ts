import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import { loadBoard, loadColumnPage } from '../loadBoard.js'

const positiveInt = (value: unknown, name: string): number | undefined => {
  if (value === undefined || value === null || value === '') return undefined
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0)
    throw new APIError(`${name} must be a whole number.`, 400)
  return number
}

const text = (value: unknown): null | string => (typeof value === 'string' ? value : null)

/** GET /api/email-marketing/deal-board?pipeline=&owner=&status=&perColumn=: columns, totals and first cards. */
export const dealBoardEndpoint: Endpoint = {
  handler: async (req) => {
    const q = req.query as Record<string, unknown>
    const board = await loadBoard(req, {
      owner: text(q.owner),
      perColumn: Math.min(positiveInt(q.perColumn, 'perColumn') ?? 25, 100),
      pipeline: text(q.pipeline),
      status: text(q.status) ?? 'open',
    })
    return Response.json(board)
  },
  method: 'get',
  path: '/email-marketing/deal-board',
}

/** GET /api/email-marketing/deal-board/cards?pipeline=&stage=&after=&limit=: the next page of one column. */
export const dealBoardCardsEndpoint: Endpoint = {
  handler: async (req) => {
    const q = req.query as Record<string, unknown>
    const page = await loadColumnPage(req, {
      after: positiveInt(q.after, 'after'),
      limit: positiveInt(q.limit, 'limit'),
      owner: text(q.owner),
      pipeline: text(q.pipeline),
      stage: text(q.stage),
      status: text(q.status) ?? 'open',
    })
    return Response.json(page)
  },
  method: 'get',
  path: '/email-marketing/deal-board/cards',
}
