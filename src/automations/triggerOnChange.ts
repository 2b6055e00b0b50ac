import type { CollectionAfterChangeHook, CollectionSlug, Payload } from 'payload'

import { recordContactEventsFor } from '../events/recordContactEvents.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { isEmailAddress, normalizeEmail } from '../utilities/isEmailAddress.js'

type ChangeArgs = Parameters<CollectionAfterChangeHook>[0]

export type TriggerOnChangeOptions = {
  /** The automation's `key` (or its id). */
  automation: number | string
  /** The contact's address, from the changed document. */
  email: (args: ChangeArgs) => null | string | undefined
  /** Enroll only when this holds. @default every change */
  when?: (args: ChangeArgs) => boolean
  /** Create the contact when the address is new. @default true */
  createContact?: boolean
}

const automationIdOf = async (
  payload: Payload,
  automation: number | string,
  req: ChangeArgs['req'],
): Promise<null | number> => {
  if (typeof automation === 'number') return automation
  const { docs } = await payload.find({
    collection: pluginOptionsOf(payload).slugs.automations as CollectionSlug,
    depth: 0,
    limit: 1,
    req,
    where: { key: { equals: automation } },
  })
  return (docs[0] as undefined | { id: number })?.id ?? null
}

/**
 * An afterChange hook for any collection that enrolls a contact in an automation: it records the
 * fact in the change's transaction and the engine's next tick enrolls the contact, e.g. on an
 * `orders` collection: `triggerOnChange({ automation: 'post-purchase', email: ({ doc }) => doc.customerEmail,
 * when: ({ doc, previousDoc }) => doc.status === 'paid' && previousDoc?.status !== 'paid' })`.
 */
export const triggerOnChange =
  ({
    automation,
    createContact = true,
    email,
    when,
  }: TriggerOnChangeOptions): CollectionAfterChangeHook =>
  async (args) => {
    const { doc, req } = args
    if (when && !when(args)) return doc
    const address = email(args)
    if (!address || !isEmailAddress(address)) return doc
    const { payload } = req
    const automationId = await automationIdOf(payload, automation, req)
    if (automationId === null) {
      payload.logger.error({
        msg: `email-marketing: triggerOnChange names automation "${automation}", which does not exist`,
      })
      return doc
    }
    const contacts = pluginOptionsOf(payload).slugs.contacts as CollectionSlug
    const found = await payload.find({
      collection: contacts,
      depth: 0,
      limit: 1,
      req,
      where: { email: { equals: normalizeEmail(address) } },
    })
    let contact = found.docs[0] as undefined | { id: number }
    if (!contact && createContact) {
      contact = (await payload.create({
        collection: contacts,
        data: { email: address, source: 'automation' } as never,
        req,
      })) as unknown as { id: number }
    }
    if (contact) {
      await recordContactEventsFor(req, [
        { automationId, contactId: contact.id, type: 'automation.requested' },
      ])
    }
    return doc
  }
