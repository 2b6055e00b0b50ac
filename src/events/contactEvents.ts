/**
 * Facts about a contact that can start an automation. Producers record them with
 * `recordContactEvents` in the transaction of the change that caused them; the automation engine
 * consumes the rows (src/automations/engine/consumeEvents.ts).
 */
export type ContactEvent =
  | { automationId: number; contactId: number; type: 'automation.requested' }
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

/** A fact with the key that names it when it may be recorded twice (it then counts once). */
export type RecordedContactEvent = { dedupeKey?: string; fact: ContactEvent }
