import type { TextField } from 'payload'

import { isEmailAddress, normalizeEmail } from '../utilities/isEmailAddress.js'

/** The contact's address: trimmed and lower-cased before validation, so uniqueness ignores case. */
export const emailField: TextField = {
  name: 'email',
  type: 'text',
  hooks: { beforeValidate: [({ value }) => normalizeEmail(value)] },
  index: true,
  required: true,
  unique: true,
  validate: (value: null | string | undefined) =>
    isEmailAddress(value) || `"${value ?? ''}" is not a valid email address.`,
}
