import type { ContactEvent } from '../../events/contactEvents.js'

/**
 * The fact that started a run, as kept in the enrollment's state (`state.event`) for steps that
 * use it (a transactional template's data): the event without its contact ids, e.g.
 * `{ type: 'custom', event: 'order.paid', data: { orderId: 7 } }` or `{ type: 'tag.added', tagId: 3 }`.
 */
export type TriggerEvent = { data?: Record<string, unknown>; type: string } & Record<
  string,
  unknown
>

export const triggerEventOf = (event: ContactEvent): TriggerEvent => {
  const fact: Record<string, unknown> = { ...event }
  delete fact.contactId
  delete fact.contactIds
  return fact as TriggerEvent
}

/**
 * Template data for a step: the trigger's `data` at the top level (as `sendTransactional` takes it),
 * the whole fact under `event`, and the contact under `contact`.
 */
export const templateDataOf = (
  contact: Record<string, unknown>,
  event: TriggerEvent | undefined,
): Record<string, unknown> => ({
  ...(event?.data ?? {}),
  contact,
  event: event ?? null,
})
