import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { guard } from '../../access/guard.js'
import { InvalidInputError } from '../../errors/InvalidInputError.js'
import { toApiError } from '../../errors/toApiError.js'
import { readJsonBody } from '../../http/requestBody.js'
import { recordAudit } from '../../access/recordAudit.js'
import { pluginOptionsOf } from '../../pluginContext.js'
import { audienceOf, countAudience } from '../audience.js'
import {
  cancelCampaign,
  duplicateCampaign,
  loadCampaign,
  pauseCampaign,
  resumeCampaign,
  scheduleCampaign,
  sendCampaign,
  unscheduleCampaign,
} from '../campaignActions.js'
import { checkCampaign } from '../campaignChecklist.js'
import { reviewCampaign } from '../campaignReview.js'
import { campaignReport } from '../campaignStats.js'
import { campaignMergeTags } from '../mergeTags.js'
import { previewCampaign, sendCampaignTest } from '../previewAndTest.js'

type Action = (req: PayloadRequest, id: number, body: Record<string, unknown>) => Promise<unknown>

/** Reads need `readContacts`, writes `manageCampaigns` (the guard); the campaign must be readable by the user. */
const handle =
  (action: Action, { write }: { write: boolean }): PayloadHandler =>
  async (req) => {
    const user = await guard(req, write ? 'manageCampaigns' : 'readContacts')
    const id = Number(req.routeParams?.id)
    if (!Number.isInteger(id) || id <= 0)
      throw new APIError('The campaign id must be a positive whole number.', 400)
    const options = pluginOptionsOf(req.payload)
    await req.payload.findByID({
      collection: options.slugs.campaigns as 'users',
      depth: 0,
      id,
      overrideAccess: false,
      req,
      user,
    })
    const body = req.method === 'POST' ? await readJsonBody(req) : {}
    try {
      // unschedule resolves to nothing; Response.json(undefined) would throw.
      return Response.json((await action(req, id, body)) ?? { ok: true })
    } catch (error) {
      throw toApiError(error)
    }
  }

const route = (
  method: 'get' | 'post',
  name: string,
  action: Action,
  write = method === 'post',
): Endpoint => ({
  handler: handle(action, { write }),
  method,
  path: `/email-marketing/campaigns/:id/${name}`,
})

const queryNumber = (req: PayloadRequest, key: string): number | undefined => {
  const value = req.searchParams?.get(key)
  if (value === null || value === undefined || value === '') return undefined
  const number = Number(value)
  if (!Number.isInteger(number)) throw new InvalidInputError(`${key} must be a whole number.`)
  return number
}

/** An optional contact id in a JSON body: absent, or a positive whole number. */
const bodyContactId = (body: Record<string, unknown>): number | undefined => {
  if (body.contact === undefined || body.contact === null || body.contact === '') return undefined
  const id = Number(body.contact)
  if (!Number.isInteger(id) || id <= 0)
    throw new InvalidInputError('contact must be the id of a contact (a positive whole number).')
  return id
}

/** REST endpoints behind the admin's campaign actions; each calls the same service the tests call. */
export const campaignEndpoints: Endpoint[] = [
  route('get', 'audience', async (req, id) => ({
    recipients: await countAudience(req.payload, audienceOf(await loadCampaign(req.payload, id))),
  })),
  route('get', 'checklist', async (req, id) => {
    const campaign = await loadCampaign(req.payload, id)
    return {
      ...(await checkCampaign(req.payload, campaign)),
      recipients: await countAudience(req.payload, audienceOf(campaign)),
    }
  }),
  route('get', 'review', async (req, id) => reviewCampaign(req.payload, id, { req })),
  route('get', 'stats', async (req, id) => campaignReport(req.payload, id)),
  route('get', 'preview', async (req, id) =>
    previewCampaign(req.payload, id, {
      contactId: queryNumber(req, 'contact'),
      variant: queryNumber(req, 'variant'),
    }),
  ),
  route('post', 'send', async (req, id) => {
    const result = await sendCampaign(req.payload, id)
    await recordAudit(req, { action: 'campaign.send', target: `campaigns:${id}` })
    return result
  }),
  route('post', 'schedule', async (req, id, body) => {
    if (typeof body.at !== 'string')
      throw new InvalidInputError(
        'Send { "at": "<ISO date and time>", "timeZone": "<IANA zone, UTC by default>" }.',
      )
    if (body.timeZone !== undefined && typeof body.timeZone !== 'string')
      throw new InvalidInputError('"timeZone" is an IANA time zone name, e.g. "Europe/Berlin".')
    const result = await scheduleCampaign(
      req.payload,
      id,
      new Date(body.at),
      (body.timeZone as string | undefined) ?? 'UTC',
    )
    await recordAudit(req, {
      action: 'campaign.schedule',
      details: { at: body.at, timeZone: body.timeZone ?? 'UTC' },
      target: `campaigns:${id}`,
    })
    return result
  }),
  route('post', 'unschedule', async (req, id) => unscheduleCampaign(req.payload, id)),
  route('post', 'pause', async (req, id) => pauseCampaign(req.payload, id)),
  route('post', 'resume', async (req, id) => resumeCampaign(req.payload, id)),
  route('post', 'cancel', async (req, id) => cancelCampaign(req.payload, id)),
  route('post', 'duplicate', async (req, id) => duplicateCampaign(req.payload, id)),
  route('post', 'test', async (req, id, body) => {
    const addresses = Array.isArray(body.addresses)
      ? body.addresses.map(String)
      : String(body.addresses ?? '')
          .split(/[\s,;]+/)
          .filter(Boolean)
    return sendCampaignTest(req.payload, id, addresses, { contactId: bodyContactId(body) })
  }),
  {
    handler: async (req) => {
      await guard(req, 'readContacts')
      return Response.json({ tags: await campaignMergeTags(req.payload) })
    },
    method: 'get',
    path: '/email-marketing/merge-tags',
  },
]
