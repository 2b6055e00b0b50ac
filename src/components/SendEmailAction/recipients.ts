import type { Recipient } from './Composer.js'

export type ContactDoc = {
  email: string
  firstName?: null | string
  id: number | string
  lastName?: null | string
}

/** A contact as a choice in the composer's "To": its name and address. */
export const recipientOf = (contact: ContactDoc): Recipient => {
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ')
  return {
    email: contact.email,
    id: contact.id,
    label: name ? `${name} <${contact.email}>` : contact.email,
  }
}
