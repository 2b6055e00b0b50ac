import type { Endpoint } from 'payload'

import { APIError } from 'payload'

import type { TransactionalTemplate } from '../templateTypes.js'

import { MissingTemplateVariableError } from '../errors.js'
import { renderTransactional } from '../renderTransactional.js'
import { loadTransactionalTemplate, sendTransactional } from '../sendTransactional.js'
import { sampleDataOf, validateTemplateData } from '../validateTemplateData.js'
import { guard } from '../../access/guard.js'
import { toApiError } from '../../errors/toApiError.js'
import { optionalString, readJsonBody } from '../../http/requestBody.js'

const templateRef = (value: unknown): number | string => {
  if (typeof value === 'number' || (typeof value === 'string' && value))
    return /^\d+$/.test(String(value)) ? Number(value) : value
  throw new APIError('`template` must be a template slug or id.', 400, null, true)
}

const missingVariableOf = (
  template: TransactionalTemplate,
  data: Record<string, unknown>,
): null | string => {
  try {
    validateTemplateData(template.slug ?? 'preview', template.variables, data)
    return null
  } catch (error) {
    if (error instanceof MissingTemplateVariableError) return error.variable
    throw error
  }
}

/**
 * POST /api/email-marketing/transactional/preview
 * `{ template: <the edit form's values> }` → the email rendered with its sample data, unsaved changes included.
 */
export const previewTemplateEndpoint: Endpoint = {
  handler: async (req) => {
    const user = await guard(req, 'readContacts')
    const body = await readJsonBody(req)
    if (!body.template || typeof body.template !== 'object')
      throw new APIError("`template` must be the template's fields.", 400, null, true)
    const { id: _id, updatedAt: _updatedAt, ...template } = body.template as TransactionalTemplate
    const data = sampleDataOf(template.sampleData, template.variables)
    try {
      const rendered = await renderTransactional(
        req.payload,
        template,
        { contact: { email: user.email, firstName: 'Sample' }, data },
        req,
      )
      return Response.json({ ...rendered, missingVariable: missingVariableOf(template, data) })
    } catch (error) {
      throw toApiError(error)
    }
  },
  method: 'post',
  path: '/email-marketing/transactional/preview',
}

/**
 * POST /api/email-marketing/transactional/test
 * `{ template: <slug or id>, to? }` sends the saved template with its sample data, to you by default.
 */
export const sendTestEmailEndpoint: Endpoint = {
  handler: async (req) => {
    const user = await guard(req, 'sendTransactional')
    const body = await readJsonBody(req)
    const to =
      optionalString(body, 'to') ?? (typeof user.email === 'string' ? user.email : undefined)
    if (!to)
      throw new APIError('`to` is required: your user has no email address.', 400, null, true)
    try {
      const template = await loadTransactionalTemplate(req.payload, templateRef(body.template), req)
      const result = await sendTransactional(req.payload, {
        data: sampleDataOf(template.sampleData, template.variables),
        metadata: { test: 'true' },
        req,
        template,
        to,
      })
      return Response.json({ ...result, to }, { status: 201 })
    } catch (error) {
      throw toApiError(error)
    }
  },
  method: 'post',
  path: '/email-marketing/transactional/test',
}
