import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import type { SegmentConditions } from '../conditionTypes.js'

import { guard } from '../../access/guard.js'
import { answeringErrors } from '../../errors/toApiError.js'
import { readJsonBody } from '../../http/requestBody.js'
import { countSegment } from '../segmentQueries.js'

/**
 * POST /api/email-marketing/segments/count with `{ match, groups }` (the segment form's unsaved
 * rules): `{ count }`. Admin users only; incomplete rules are a 400 naming the condition.
 */
export const countSegmentEndpoint: Endpoint = {
  handler: async (req) => {
    await guard(req, 'readContacts')
    const body = (await readJsonBody(req)) as SegmentConditions
    if (body.groups !== undefined && body.groups !== null && !Array.isArray(body.groups)) {
      throw new APIError(
        'Send the rules as JSON: { "match": "all" | "any", "groups": [...] }.',
        400,
      )
    }
    const count = await answeringErrors(() =>
      countSegment(req.payload, { groups: body.groups ?? [], match: body.match ?? 'all' }),
    )
    return Response.json({ count })
  },
  method: 'post',
  path: '/email-marketing/segments/count',
}
