import type { PayloadRequest } from 'payload'

import type { AuditAction } from './auditActions.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { clientAddress } from './clientAddress.js'

export type AuditEntry = {
  action: AuditAction
  /** What the action was about, e.g. `campaigns:12` or `contacts:7`. */
  target?: string
  details?: Record<string, unknown>
}

/** Appends who (user or API key user), what and when to the audit log, in the request's transaction. */
export const recordAudit = async (req: PayloadRequest, entry: AuditEntry): Promise<void> => {
  const { slugs } = pluginOptionsOf(req.payload)
  const user = req.user as (PayloadRequest['user'] & { _strategy?: string; email?: unknown }) | null
  await req.payload.create({
    collection: slugs.auditLog as 'users',
    data: {
      action: entry.action,
      details: entry.details ?? null,
      ip: clientAddress(req),
      target: entry.target ?? null,
      userCollection: user?.collection ?? null,
      userEmail: typeof user?.email === 'string' ? user.email : null,
      userId: user ? String(user.id) : null,
      viaApiKey: user?._strategy === 'api-key',
    } as never,
    overrideAccess: true,
    req,
  })
}
