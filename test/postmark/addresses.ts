/** Parsing of Postmark address lists: `a@b.c, "Last, First" <d@e.f>, Name <g@h.i>`. */

export interface ParsedAddress {
  Email: string
  Name: string
}

// Deliberately simple: a local part without spaces/quotes/brackets, '@', a dotted domain.
const EMAIL_RE =
  /^[^\s@"<>(),;:\\[\]]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,}$/

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL_RE.test(value)
}

/** Splits on commas outside double quotes; drops empty segments. */
export function splitAddressList(list: string): string[] {
  const out: string[] = []
  if (!list.includes('"')) {
    for (const part of list.split(',')) {
      const trimmed = part.trim()
      if (trimmed) out.push(trimmed)
    }
    return out
  }
  let quoted = false
  let start = 0
  for (let i = 0; i < list.length; i++) {
    const ch = list[i]
    if (ch === '"' && list[i - 1] !== '\\') quoted = !quoted
    else if (ch === ',' && !quoted) {
      const trimmed = list.slice(start, i).trim()
      if (trimmed) out.push(trimmed)
      start = i + 1
    }
  }
  const last = list.slice(start).trim()
  if (last) out.push(last)
  return out
}

/** Parses one address (`a@b.c`, `Name <a@b.c>`, `"Name" <a@b.c>`); null if the email part is invalid. */
export function parseAddress(raw: string): ParsedAddress | null {
  let email = raw
  let name = ''
  if (raw.endsWith('>')) {
    const lt = raw.lastIndexOf('<')
    if (lt < 0) return null
    email = raw.slice(lt + 1, -1).trim()
    name = raw.slice(0, lt).trim()
    if (name.length >= 2 && name.startsWith('"') && name.endsWith('"'))
      name = name.slice(1, -1).replace(/\\"/g, '"')
  }
  return isEmail(email) ? { Email: email, Name: name } : null
}
