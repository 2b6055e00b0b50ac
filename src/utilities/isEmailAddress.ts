/** A practical address check: one @, no spaces, a dotted domain. Postmark is the final judge. */
const emailPattern =
  /^[^\s\x00-\x1f\x7f@"<>()[\]\\,;:]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i

export const isEmailAddress = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 254 && emailPattern.test(value)

export const normalizeEmail = (value: unknown): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value
