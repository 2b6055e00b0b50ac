import { createHmac } from 'node:crypto'

import { hmacKey } from '../utilities/hmacKey.js'
import { normalizeEmail } from '../utilities/isEmailAddress.js'

/** HMAC-SHA256 of the normalised address, keyed with the plugin secret: the only trace an erasure keeps. */
export const addressHash = (secret: string, email: string): string =>
  createHmac('sha256', hmacKey(secret))
    .update(String(normalizeEmail(email)))
    .digest('hex')
