import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (value: string): Buffer => createHash('sha256').update(value).digest()

/** Compares both parts in constant time (hashing first evens out lengths); both are always compared. */
export const basicAuthMatches = (
  header: null | string,
  expected: { password: string; username: string },
): boolean => {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')
  const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : ''
  const separator = decoded.indexOf(':')
  const username = separator >= 0 ? decoded.slice(0, separator) : ''
  const password = separator >= 0 ? decoded.slice(separator + 1) : ''
  const userOk = timingSafeEqual(digest(username), digest(expected.username))
  const passwordOk = timingSafeEqual(digest(password), digest(expected.password))
  return Boolean(match) && separator >= 0 && userOk && passwordOk
}
