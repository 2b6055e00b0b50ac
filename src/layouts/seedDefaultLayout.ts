import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../pluginContext.js'
import { drizzleFor } from '../utilities/db.js'

export const defaultLayoutData = {
  brandColor: '#2563eb',
  footerHtml: '<p>You receive this email because you subscribed to our updates.</p>',
  isDefault: true,
  name: 'Default',
  postalAddress: 'Your company name\nStreet and number\nPostcode, city, country\n(Edit this address in Email marketing > Layouts.)',
  unsubscribeLabel: 'Unsubscribe',
}

/**
 * Creates the default layout when there is no layout at all. Safe to run at every start and in
 * several processes at once: a transaction-scoped advisory lock makes the check and the insert atomic.
 * Returns whether it created one.
 */
export const seedDefaultLayout = async (payload: Payload): Promise<boolean> => {
  const collection = pluginOptionsOf(payload).slugs.layouts as CollectionSlug
  const transactionID = (await payload.db.beginTransaction()) ?? undefined
  const req = { payload, transactionID } as PayloadRequest
  try {
    const db = await drizzleFor(req)
    await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext('payload-plugin-email-marketing:default-layout'))`)
    const { totalDocs } = await payload.count({ collection, req })
    if (totalDocs === 0) await payload.create({ collection, data: defaultLayoutData as never, req })
    if (transactionID) await payload.db.commitTransaction(transactionID)
    return totalDocs === 0
  } catch (error) {
    if (transactionID) await payload.db.rollbackTransaction(transactionID)
    throw error
  }
}
