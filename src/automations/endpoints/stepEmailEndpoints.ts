import type { Endpoint, PayloadRequest } from 'payload'

import type { StepEmailContent } from '../stepEmailPreview.js'

import { guard } from '../../access/guard.js'
import { InvalidInputError } from '../../errors/InvalidInputError.js'
import { answeringErrors } from '../../errors/toApiError.js'
import { optionalString, readJsonBody, requiredString } from '../../http/requestBody.js'
import { previewStepEmail, sendStepEmailTest } from '../stepEmailPreview.js'

const stepOf = (body: Record<string, unknown>): StepEmailContent => {
  const step = body.step
  if (!step || typeof step !== 'object' || Array.isArray(step))
    throw new InvalidInputError('Send { "step": { "subject", "preheader", "body" } }.')
  return step as StepEmailContent
}

/**
 * POST /api/email-marketing/automations/email-preview `{ step, contact? }`: a send-email step's
 * unsaved content rendered as the contact with that email (or a sample contact):
 * `{ subject, html, text }`.
 */
export const stepEmailPreviewEndpoint: Endpoint = {
  handler: async (req: PayloadRequest) => {
    await guard(req, 'readContacts')
    const body = await readJsonBody(req)
    const contact = optionalString(body, 'contact')
    return Response.json(
      await answeringErrors(() => previewStepEmail(req.payload, stepOf(body), contact)),
    )
  },
  method: 'post',
  path: '/email-marketing/automations/email-preview',
}

/** POST /api/email-marketing/automations/email-test `{ step, to }`: queues a "[Test]" copy to `to`. */
export const stepEmailTestEndpoint: Endpoint = {
  handler: async (req: PayloadRequest) => {
    await guard(req, 'manageCampaigns')
    const body = await readJsonBody(req)
    const to = requiredString(body, 'to')
    return Response.json(
      await answeringErrors(() => sendStepEmailTest(req.payload, stepOf(body), to)),
    )
  },
  method: 'post',
  path: '/email-marketing/automations/email-test',
}
