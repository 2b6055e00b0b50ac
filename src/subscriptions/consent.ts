import type { CollectionSlug, Payload } from 'payload'

import { pluginOptionsOf } from '../pluginContext.js'

export type ConsentRecord = { form?: string; ip?: string; text?: string; userAgent?: string }

const clip = (value: string | undefined, max: number): string | undefined =>
  value ? value.slice(0, max) : undefined

/** Records when, where and how the contact agreed, and makes a globally unsubscribed contact active again. */
export const recordConsent = async (
  payload: Payload,
  contactId: number,
  consent: ConsentRecord,
): Promise<void> => {
  const collection = pluginOptionsOf(payload).slugs.contacts as CollectionSlug
  const contact = (await payload.findByID({ id: contactId, collection, depth: 0 })) as unknown as {
    status?: string
  }
  await payload.update({
    id: contactId,
    collection,
    data: {
      consent: {
        at: new Date().toISOString(),
        form: clip(consent.form, 200),
        ip: clip(consent.ip, 100),
        text: clip(consent.text, 2000),
        userAgent: clip(consent.userAgent, 500),
      },
      ...(contact.status === 'unsubscribed'
        ? { status: 'active', statusReason: 'Subscribed again' }
        : {}),
    } as never,
    depth: 0,
  })
}
