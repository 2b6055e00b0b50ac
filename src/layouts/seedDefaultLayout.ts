import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../pluginContext.js'
import { drizzleFor } from '../utilities/db.js'

/** The seeded marketing layout's address: a placeholder the pre-send checklist refuses to send. */
export const placeholderPostalAddress =
  'Your company name\nStreet and number\nPostcode, city, country\n(Edit this address in Email marketing > Layouts.)'

export const defaultLayoutData = {
  brandColor: '#2563eb',
  footerHtml: '<p>You receive this email because you subscribed to our updates.</p>',
  isDefault: true,
  kind: 'marketing',
  name: 'Default',
  postalAddress: placeholderPostalAddress,
  unsubscribeLabel: 'Unsubscribe',
}

/** The frame of app and 1:1 emails: no subscription footer, no unsubscribe link. */
export const defaultTransactionalLayoutData = {
  brandColor: '#2563eb',
  isDefault: true,
  kind: 'transactional',
  name: 'Transactional',
}

/** Whether a postal address is missing or still the seeded placeholder. */
export const isPlaceholderAddress = (address: null | string | undefined): boolean =>
  !address?.trim() ||
  address.trim() === placeholderPostalAddress ||
  address.includes('Street and number')

/**
 * Creates the default marketing layout and the default transactional layout when there is none of
 * that kind. Safe to run at every start and in several processes at once: a transaction-scoped
 * advisory lock makes the checks and the inserts atomic. Returns whether it created any.
 */
export const seedDefaultLayout = async (payload: Payload): Promise<boolean> => {
  const collection = pluginOptionsOf(payload).slugs.layouts as CollectionSlug
  const transactionID = (await payload.db.beginTransaction()) ?? undefined
  const req = { payload, transactionID } as PayloadRequest
  try {
    const db = await drizzleFor(req)
    await db.execute(
      sql`SELECT pg_advisory_xact_lock(hashtext('payload-plugin-email-marketing:default-layout'))`,
    )
    let created = false
    for (const data of [defaultLayoutData, defaultTransactionalLayoutData]) {
      const { totalDocs } = await payload.count({
        collection,
        req,
        where: { kind: { equals: data.kind } },
      })
      if (totalDocs === 0) await payload.create({ collection, data: data as never, req })
      created ||= totalDocs === 0
    }
    if (transactionID) await payload.db.commitTransaction(transactionID)
    return created
  } catch (error) {
    if (transactionID) await payload.db.rollbackTransaction(transactionID)
    throw error
  }
}
