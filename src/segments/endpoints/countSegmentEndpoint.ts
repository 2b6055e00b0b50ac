import type { Endpoint } from 'payload'

import { guard } from '../../access/guard.js'
import { answeringErrors } from '../../errors/toApiError.js'
import { readJsonBody } from '../../http/requestBody.js'
import { ruleTreeOf } from '../ruleTree.js'
import { countSegment } from '../segmentQueries.js'

/**
 * POST /api/email-marketing/segments/count with `{ match, groups }` (the segment form's unsaved
 * rules): `{ count }`. Admin users only; malformed or incomplete rules are a 400
 * naming the condition.
 */
export const countSegmentEndpoint: Endpoint = {
  handler: async (req) => {
    await guard(req, 'readContacts')
    const body = await readJsonBody(req)
    const count = await answeringErrors(() => countSegment(req.payload, ruleTreeOf(body)))
    return Response.json({ count })
  },
  method: 'post',
  path: '/email-marketing/segments/count',
}
