import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import type { SegmentConditions } from '../conditionTypes.js'

import { guard } from '../../access/guard.js'
import { SegmentConditionError } from '../conditionTypes.js'
import { countSegment } from '../segmentQueries.js'

/**
 * POST /api/email-marketing/segments/count with `{ match, groups }` (the segment form's unsaved
 * rules): `{ count }`. Admin users only; incomplete rules are a 400 naming the condition.
 */
export const countSegmentEndpoint: Endpoint = {
  handler: async (req) => {
    await guard(req, 'readContacts')
    const body = (await req.json?.().catch(() => null)) as null | SegmentConditions
    if (
      !body ||
      typeof body !== 'object' ||
      (body.groups !== undefined && body.groups !== null && !Array.isArray(body.groups))
    ) {
      throw new APIError(
        'Send the rules as JSON: { "match": "all" | "any", "groups": [...] }.',
        400,
      )
    }
    try {
      return Response.json({
        count: await countSegment(req.payload, {
          groups: body.groups ?? [],
          match: body.match ?? 'all',
        }),
      })
    } catch (error) {
      if (error instanceof SegmentConditionError)
        throw new APIError(`Incomplete rule at ${error.message}`, 400)
      throw error
    }
  },
  method: 'post',
  path: '/email-marketing/segments/count',
}
