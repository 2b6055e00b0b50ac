import type { Payload, PayloadRequest } from 'payload'

/**
 * Facts about a contact that other features react to (automation triggers, the timeline).
 * Producers publish after their own write; handlers must be idempotent, because a producer may
 * publish the same fact again after a retry.
 */
export type ContactEvent =
  | { contactId: number; data?: Record<string, unknown>; event: string; type: 'custom' }
  | {
      contactId: number
      field: string
      previousValue: unknown
      type: 'contact.fieldChanged'
      value: unknown
    }
  | { contactId: number; listId: number; type: 'list.subscribed' | 'list.unsubscribed' }
  | { contactId: number; messageId: number; type: 'email.clicked'; url: string }
  | { contactId: number; messageId: number; type: 'email.opened' }
  | { contactId: number; tagId: number; type: 'tag.added' | 'tag.removed' }
  | {
      contactIds: number[]
      dealId: number
      pipelineId: number
      previousStageId: null | string
      stageId: string
      status: 'lost' | 'open' | 'won'
      type: 'deal.stageChanged'
    }

export type ContactEventHandler = (args: {
  event: ContactEvent
  payload: Payload
  req?: PayloadRequest
}) => Promise<void>

// Kept on globalThis: Next.js dev re-evaluates modules on every hot reload without re-running the
// plugin's onInit, so a module-level list would drop the handlers registered at init.
const globalHandlers = globalThis as typeof globalThis & {
  __emailMarketingContactEventHandlers?: ContactEventHandler[]
}
const handlers: ContactEventHandler[] = (globalHandlers.__emailMarketingContactEventHandlers ??= [])

/** Registers a handler for every Payload instance in this process (the plugin does this at init). */
export const onContactEvent = (handler: ContactEventHandler): void => {
  if (!handlers.includes(handler)) handlers.push(handler)
}

/** Hands an event to every registered handler, in registration order. */
export const publishContactEvent = async (
  payload: Payload,
  event: ContactEvent,
  req?: PayloadRequest,
): Promise<void> => {
  for (const handler of handlers) {
    await handler({ event, payload, req })
  }
}
