import { createSecretKey, type KeyObject } from 'node:crypto'

const keys = new Map<string, KeyObject>()

/**
 * The plugin secret as a KeyObject, made once per secret: `createHmac` with a string key converts it
 * on every call, and a campaign signs two HMACs per email (unsubscribe token, erasure hash).
 */
export const hmacKey = (secret: string): KeyObject => {
  let key = keys.get(secret)
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'))
    keys.set(secret, key)
  }
  return key
}
