import type { PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { SQL } from '../utilities/db.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { segmentContactsQuery } from '../segments/segmentQueries.js'

/** The SQL subquery selecting a segment's contact ids now, or a 404 for a segment the user cannot read. */
export const segmentContactIds = async (req: PayloadRequest, segmentId: number): Promise<SQL> => {
  const { payload } = req
  const segment = await payload.findByID({
    collection: pluginOptionsOf(payload).slugs.segments as 'users',
    depth: 0,
    disableErrors: true,
    id: segmentId,
    overrideAccess: false,
    req,
  })
  if (!segment) throw new APIError(`No segment with id ${segmentId}.`, 404)
  return segmentContactsQuery(payload, segmentId)
}
