/**
 * Most emails use Liquid only as `{{ contact.firstName }}` or `{{ contact.firstName | default: "there" }}`.
 * Such templates render here by joining text and looked-up values, with liquidjs's own output rules,
 * instead of running liquidjs once per recipient. Anything else (tags, other filters, whitespace
 * control, values that are not plain strings, numbers or booleans) uses liquidjs.
 */
export type FastTemplate = readonly (
  | string
  | { fallback: null | string; path: readonly string[] }
)[]

const OUTPUT = /\{\{[\s\S]*?\}\}/g
const SIMPLE_OUTPUT =
  /^\{\{\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*(?:\|\s*default\s*:\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*)?\}\}$/
/** Names liquidjs reads as literals or special properties, not as plain lookups. */
const SPECIAL = new Set(['blank', 'empty', 'false', 'first', 'last', 'nil', 'null', 'size', 'true'])

export const compileFastTemplate = (source: string): FastTemplate | null => {
  if (source.includes('{%')) return null
  const pieces: FastTemplate[number][] = []
  let at = 0
  for (const match of source.matchAll(OUTPUT)) {
    const output = SIMPLE_OUTPUT.exec(match[0])
    if (!output) return null
    const path = output[1].split('.')
    if (path.some((name) => SPECIAL.has(name))) return null
    pieces.push(source.slice(at, match.index), { fallback: output[2] ?? output[3] ?? null, path })
    at = match.index + match[0].length
  }
  pieces.push(source.slice(at))
  return pieces
}

const ESCAPES: Record<string, string> = {
  '"': '&#34;',
  '&': '&amp;',
  "'": '&#39;',
  '<': '&lt;',
  '>': '&gt;',
}
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character])

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

const NOT_PLAIN = Symbol('not plain')

/** The value at `path` as liquidjs (ownPropertyOnly) reads it, or NOT_PLAIN when only liquidjs can say. */
const lookUp = (scope: Record<string, unknown>, path: readonly string[]): unknown => {
  let value: unknown = scope
  for (const name of path) {
    if (value === undefined || value === null) return undefined
    if (!isPlainObject(value)) return NOT_PLAIN
    value = Object.hasOwn(value, name) ? value[name] : undefined
  }
  return value
}

/** Renders like liquidjs would, or returns null when a value needs liquidjs. */
export const renderFastTemplate = (
  template: FastTemplate,
  scope: Record<string, unknown>,
  escape: boolean,
): null | string => {
  let out = ''
  for (const piece of template) {
    if (typeof piece === 'string') {
      out += piece
      continue
    }
    const value = lookUp(scope, piece.path)
    let text: string
    if (value === undefined || value === null) text = piece.fallback ?? ''
    else if (typeof value === 'string')
      text = value === '' && piece.fallback !== null ? piece.fallback : value
    else if (typeof value === 'boolean')
      text = !value && piece.fallback !== null ? piece.fallback : String(value)
    else if (typeof value === 'number') text = String(value)
    else return null
    out += escape ? escapeHtml(text) : text
  }
  return out
}
