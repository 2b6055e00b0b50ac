import type { ContactEvent } from '../../events/contactEvents.js'

type Trigger = Record<string, unknown> & { blockType: string }

const idOf = (value: unknown): null | number =>
  value === null || value === undefined || value === ''
    ? null
    : Number(typeof value === 'object' ? (value as { id: number }).id : value)

/** Whether one trigger block of an automation fires for a contact event. */
export const matchesTrigger = (trigger: Trigger, event: ContactEvent): boolean => {
  switch (event.type) {
    case 'contact.fieldChanged':
      return (
        trigger.blockType === 'fieldChanged' &&
        trigger.field === event.field &&
        (trigger.value === null ||
          trigger.value === undefined ||
          trigger.value === '' ||
          String(event.value ?? '') === trigger.value)
      )
    case 'custom':
      return trigger.blockType === 'customEvent' && trigger.event === event.event
    case 'deal.stageChanged':
      return (
        trigger.blockType === 'dealStageChanged' &&
        (!trigger.stageId || trigger.stageId === event.stageId)
      )
    case 'email.clicked':
      return (
        trigger.blockType === 'linkClicked' &&
        (!trigger.urlContains || event.url.includes(String(trigger.urlContains)))
      )
    case 'email.opened':
      return trigger.blockType === 'emailOpened'
    case 'list.subscribed':
      return (
        trigger.blockType === 'listSubscribed' &&
        (idOf(trigger.list) === null || idOf(trigger.list) === event.listId)
      )
    case 'tag.added':
      return trigger.blockType === 'tagAdded' && idOf(trigger.tag) === event.tagId
    case 'tag.removed':
      return trigger.blockType === 'tagRemoved' && idOf(trigger.tag) === event.tagId
    default:
      return false
  }
}

/** The contacts an event is about. */
export const contactsOf = (event: ContactEvent): number[] =>
  'contactIds' in event ? event.contactIds : [event.contactId]
