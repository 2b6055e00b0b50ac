import type { PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { TemplateSyntaxError } from '../../rendering/liquid.js'
import {
  InvalidTransactionalTemplateError,
  MissingTemplateVariableError,
  TransactionalTemplateNotFoundError,
} from '../errors.js'
import { InvalidRecipientError } from '../recipient.js'

/** Turns the typed errors of the sending services into HTTP answers with a clear message. */
export const toApiError = (error: unknown): unknown => {
  if (error instanceof MissingTemplateVariableError) {
    return new APIError(
      error.message,
      400,
      { template: error.template, variable: error.variable },
      true,
    )
  }
  if (error instanceof TransactionalTemplateNotFoundError)
    return new APIError(error.message, 404, { template: error.template }, true)
  if (error instanceof InvalidRecipientError || error instanceof InvalidTransactionalTemplateError)
    return new APIError(error.message, 400, null, true)
  if (error instanceof TemplateSyntaxError)
    return new APIError(
      error.message,
      400,
      { col: error.col, field: error.field, line: error.line },
      true,
    )
  return error
}

export const readJsonBody = async (req: PayloadRequest): Promise<Record<string, unknown>> => {
  let body: unknown
  try {
    body = req.json ? await req.json() : undefined
  } catch {
    throw new APIError('The request body must be JSON.', 400, null, true)
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new APIError('The request body must be a JSON object.', 400, null, true)
  return body as Record<string, unknown>
}

export const optionalString = (body: Record<string, unknown>, key: string): string | undefined => {
  const value = body[key]
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string') throw new APIError(`\`${key}\` must be a string.`, 400, null, true)
  return value
}

export const requiredString = (body: Record<string, unknown>, key: string): string => {
  const value = optionalString(body, key)
  if (!value) throw new APIError(`\`${key}\` is required.`, 400, null, true)
  return value
}
