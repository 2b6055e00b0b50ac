const baseFields = ['firstName', 'lastName', 'email', 'company', 'phone']

/** The contact's Liquid fields an email can use, custom attributes included. */
export const liquidFieldsOf = (contact: null | Record<string, unknown>): string[] => {
  const attributes =
    contact?.attributes &&
    typeof contact.attributes === 'object' &&
    !Array.isArray(contact.attributes)
      ? Object.keys(contact.attributes)
      : []
  return [
    ...baseFields.map((field) => `contact.${field}`),
    ...attributes.map((key) => `contact.attributes.${key}`),
    'sender.name',
    'sender.email',
  ]
}
