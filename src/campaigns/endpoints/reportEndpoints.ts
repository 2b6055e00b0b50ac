import type { Endpoint, PayloadRequest } from 'payload'

import type { Permission } from '../../types.js'

import { guard } from '../../access/guard.js'
import { recordAudit } from '../../access/recordAudit.js'
import { answeringErrors } from '../../errors/toApiError.js'
import { csvResponse } from '../../http/csvResponse.js'
import { idParam } from '../../http/idParam.js'
import { pluginOptionsOf } from '../../pluginContext.js'
import { recipientColumns, recipientPage, recipientPages } from '../report/recipientRows.js'
import { bucketParam, filterParam, pageParams } from '../report/reportParams.js'
import { reportCounts } from '../report/reportCounts.js'
import { reportLinks } from '../report/reportLinks.js'
import { reportTimeline } from '../report/reportTimeline.js'

/**
 * The guard's permission, then the campaign itself through the user's collection access (a 404
 * when it does not exist or the user may not read it). Parameters are read before any query runs.
 */
const readableCampaign = async (req: PayloadRequest, permission: Permission): Promise<number> => {
  const user = await guard(req, permission)
  const id = idParam(req)
  await req.payload.findByID({
    collection: pluginOptionsOf(req.payload).slugs.campaigns as 'users',
    depth: 0,
    id,
    overrideAccess: false,
    req,
    user,
  })
  return id
}

const report = async (req: PayloadRequest): Promise<Response> => {
  const id = await readableCampaign(req, 'readContacts')
  return answeringErrors(async () => {
    const bucket = bucketParam(req)
    const [counts, timeline, links] = [
      await reportCounts(req.payload, id),
      await reportTimeline(req.payload, id, bucket),
      await reportLinks(req.payload, id),
    ]
    return Response.json({ ...counts, links, timeline })
  })
}

const recipients = async (req: PayloadRequest): Promise<Response> => {
  const id = await readableCampaign(req, 'readContacts')
  return answeringErrors(async () =>
    Response.json(
      await recipientPage(req.payload, id, { filter: filterParam(req), ...pageParams(req) }),
    ),
  )
}

/** The filtered recipients as CSV: contact data, so it needs the export permission and is audited. */
const recipientsCsv = async (req: PayloadRequest): Promise<Response> => {
  const id = await readableCampaign(req, 'export')
  const filter = await answeringErrors(async () => filterParam(req))
  await recordAudit(req, {
    action: 'export.campaignRecipients',
    details: { event: filter },
    target: `campaigns:${id}`,
  })
  return csvResponse(
    `campaign-${id}-${filter}-${new Date().toISOString().slice(0, 10)}.csv`,
    recipientColumns,
    recipientPages(req.payload, id, filter),
  )
}

/** The campaign report: counts and rates, the bucketed timeline, clicks per link, and who did what. */
export const reportEndpoints: Endpoint[] = [
  { handler: report, method: 'get', path: '/email-marketing/campaigns/:id/report' },
  { handler: recipients, method: 'get', path: '/email-marketing/campaigns/:id/recipients' },
  {
    handler: recipientsCsv,
    method: 'get',
    path: '/email-marketing/campaigns/:id/recipients/export',
  },
]
