import type { Endpoint, PayloadRequest } from 'payload'

import { APIError, NotFound } from 'payload'

import { guard } from '../../access/guard.js'
import { recordAudit } from '../../access/recordAudit.js'
import { idParam } from '../../http/idParam.js'
import { eraseContact } from '../eraseContact.js'
import { exportContactData } from '../exportContactData.js'

const notFoundAs404 = async <T>(work: Promise<T>, contactId: number): Promise<T> => {
  try {
    return await work
  } catch (error) {
    if (error instanceof NotFound) throw new APIError(`No contact with id ${contactId}.`, 404)
    throw error
  }
}

const exportData = async (req: PayloadRequest): Promise<Response> => {
  await guard(req, 'export')
  const contactId = idParam(req)
  const data = await notFoundAs404(exportContactData(req.payload, contactId), contactId)
  await recordAudit(req, { action: 'export.contactData', target: `contacts:${contactId}` })
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Cache-Control': 'no-store',
      'Content-Disposition': `attachment; filename="contact-${contactId}-data.json"`,
      'Content-Type': 'application/json; charset=utf-8',
    },
  })
}

const erase = async (req: PayloadRequest): Promise<Response> => {
  await guard(req, 'erase')
  const contactId = idParam(req)
  const result = await notFoundAs404(eraseContact(req.payload, contactId), contactId)
  await recordAudit(req, {
    action: 'contact.erase',
    details: { erasedMessages: result.erasedMessages },
    target: `contacts:${contactId}`,
  })
  return Response.json({ erased: true, erasedMessages: result.erasedMessages })
}

/** Data-protection requests (`exportAccess`, `eraseAccess`): export everything about a contact, or erase it. */
export const privacyEndpoints: Endpoint[] = [
  { handler: exportData, method: 'get', path: '/email-marketing/contacts/:id/data-export' },
  { handler: erase, method: 'post', path: '/email-marketing/contacts/:id/erase' },
]
