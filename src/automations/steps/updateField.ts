import type { StepDefinition } from '../engine/stepTypes.js'

import { updateContact } from './contactUpdates.js'

const writable = ['firstName', 'lastName', 'phone', 'company', 'source']

/** Sets a contact field (`firstName`, `company`...) or `attributes.<key>`; setting the same value again changes nothing. */
export const updateFieldStep: StepDefinition = {
  block: {
    slug: 'updateField',
    fields: [
      {
        type: 'row',
        fields: [
          {
            name: 'field',
            type: 'text',
            admin: {
              description: 'firstName, lastName, phone, company, source or attributes.<key>',
            },
            required: true,
          },
          { name: 'value', type: 'text' },
        ],
      },
    ],
    labels: { plural: 'Update fields', singular: 'Update field' },
  },
  run: async ({ contact, payload, step }) => {
    const field = String(step.field ?? '')
    const value = step.value ?? null
    const attribute = field.startsWith('attributes.') ? field.slice('attributes.'.length) : null
    if (!attribute && !writable.includes(field))
      return { kind: 'end', outcome: `cannot update field "${field}"`, status: 'failed' }
    const changed = await updateContact(payload, contact.id, (fresh) => {
      if (attribute) {
        const attributes = (fresh.attributes as null | Record<string, unknown>) ?? {}
        return attributes[attribute] === value
          ? null
          : { attributes: { ...attributes, [attribute]: value } }
      }
      return fresh[field] === value ? null : { [field]: value }
    })
    return { kind: 'next', outcome: changed ? `set ${field}` : `${field} already set` }
  },
}
