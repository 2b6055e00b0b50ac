import type { Endpoint, PayloadRequest } from 'payload'

import { guard } from '../../access/guard.js'
import { recordAudit } from '../../access/recordAudit.js'
import { InvalidInputError } from '../../errors/InvalidInputError.js'
import { answeringErrors } from '../../errors/toApiError.js'
import { readJsonBody } from '../../http/requestBody.js'
import { applyBulkAction } from '../bulk/applyBulkAction.js'
import { parseBulkAction } from '../bulk/bulkAction.js'
import { countSelection, parseContactSelection } from '../bulk/contactSelection.js'

const expectedCountOf = (value: unknown): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new InvalidInputError(
      '`expectedCount` must be the number of contacts you confirmed (at least 1): ask /contacts/bulk/count first.',
    )
  return value
}

/** POST /api/email-marketing/contacts/bulk/count { selection }: how many contacts it names now. */
const countEndpoint: Endpoint = {
  handler: (req: PayloadRequest) =>
    answeringErrors(async () => {
      await guard(req, 'readContacts')
      const body = await readJsonBody(req)
      const selection = parseContactSelection(body.selection)
      return Response.json({ count: await countSelection(req.payload, selection) })
    }),
  method: 'post',
  path: '/email-marketing/contacts/bulk/count',
}

/**
 * POST /api/email-marketing/contacts/bulk { action, tag | list, selection, expectedCount }: adds or
 * removes a tag, subscribes or unsubscribes a list, or deletes, for every contact of the
 * selection, only if it still names exactly `expectedCount` contacts (409 otherwise).
 */
const bulkEndpoint: Endpoint = {
  handler: (req: PayloadRequest) =>
    answeringErrors(async () => {
      await guard(req, 'changeContacts')
      const body = await readJsonBody(req)
      const action = parseBulkAction(body)
      const selection = parseContactSelection(body.selection)
      const expectedCount = expectedCountOf(body.expectedCount)
      const result = await applyBulkAction(req.payload, action, selection, expectedCount)
      await recordAudit(req, {
        action: 'contacts.bulk',
        details: {
          action,
          ...result,
          selection: 'ids' in selection ? { ids: selection.ids.length } : selection,
        },
        target: 'contacts',
      })
      return Response.json(result)
    }),
  method: 'post',
  path: '/email-marketing/contacts/bulk',
}

export const bulkContactEndpoints: Endpoint[] = [countEndpoint, bulkEndpoint]
