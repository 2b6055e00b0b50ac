import type { PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { SendOneToOneArgs } from '../sendOneToOne.js'

import { optionalString, readJsonBody } from '../../http/requestBody.js'

const idParam = (value: unknown, key: string): number | string | undefined => {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'number' || (typeof value === 'string' && /^[\w-]+$/.test(value)))
    return value
  throw new APIError(`\`${key}\` must be an id.`, 400, null, true)
}

/** The 1:1 email a request body describes, written by `user`: `{ contact, deal?, to?, subject, body | template, dedupeKey? }`. */
export const oneToOneArgsOf = async (
  req: PayloadRequest,
  user: SendOneToOneArgs['user'],
): Promise<SendOneToOneArgs & { contact: number | string }> => {
  const body = await readJsonBody(req)
  const contact = idParam(body.contact, 'contact')
  if (contact === undefined) throw new APIError('`contact` is required.', 400, null, true)
  if (
    body.body !== undefined &&
    typeof body.body !== 'string' &&
    (typeof body.body !== 'object' || !body.body || !('root' in body.body))
  ) {
    throw new APIError('`body` must be HTML, text or a Lexical editor state.', 400, null, true)
  }
  return {
    body: body.body as SendOneToOneArgs['body'],
    contact,
    deal: idParam(body.deal, 'deal'),
    dedupeKey: optionalString(body, 'dedupeKey'),
    req,
    subject: optionalString(body, 'subject'),
    template: idParam(body.template, 'template'),
    to: optionalString(body, 'to'),
    user,
  }
}
