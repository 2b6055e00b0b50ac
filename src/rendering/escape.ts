import { LIQUID_TAG_PATTERN, hasLiquid } from './liquid.js'

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!)

/**
 * HTML-escapes text while leaving Liquid tags (`{{ ... }}`, `{% ... %}`) verbatim, so that
 * `{{ contact.firstName | default: "there" }}` typed into the editor still parses as Liquid later.
 * Liquid's own `outputEscape` takes care of escaping the values those tags produce.
 */
export function escapeHtmlKeepLiquid(value: string): string {
  if (!hasLiquid(value)) return escapeHtml(value)
  let out = ''
  let last = 0
  for (const match of value.matchAll(LIQUID_TAG_PATTERN)) {
    out += escapeHtml(value.slice(last, match.index)) + match[0]
    last = match.index + match[0].length
  }
  return out + escapeHtml(value.slice(last))
}

/**
 * Attribute-safe variant: Liquid tags stay, but double quotes inside them become single quotes
 * (Liquid accepts both) so the surrounding `attr="..."` is never broken.
 */
export function escapeAttrKeepLiquid(value: string): string {
  return escapeHtmlKeepLiquid(value).replace(LIQUID_TAG_PATTERN, (tag) =>
    tag.includes("'") ? tag : tag.replace(/"/g, "'"),
  )
}

const SAFE_PROTOCOL = /^(?:https?|mailto|tel|sms):/i
const HAS_PROTOCOL = /^[a-z][a-z0-9+.-]*:/i

/** Returns an attribute-escaped URL, or `#` for dangerous schemes (javascript:, data:, vbscript:...). */
export function safeUrl(raw: unknown): string {
  const url = typeof raw === 'string' ? raw.trim() : ''
  if (!url) return '#'
  if (url.startsWith('{{') || url.startsWith('{%')) return escapeAttrKeepLiquid(url)
  // Strip control characters and whitespace browsers ignore when sniffing the scheme ("java\tscript:").
  const probe = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
  if (HAS_PROTOCOL.test(probe) && !SAFE_PROTOCOL.test(probe)) return '#'
  return escapeAttrKeepLiquid(url)
}

const COLOR_PATTERN =
  /^(?:#[0-9a-f]{3,8}|rgba?\([\d\s.,%/]+\)|hsla?\([\d\s.,%/deg]+\)|[a-z]{3,24})$/i

/** A CSS colour safe to inline in `style="..."`, falling back when the value is missing or suspicious. */
export function safeColor(value: unknown, fallback: string): string {
  return typeof value === 'string' && COLOR_PATTERN.test(value.trim()) ? value.trim() : fallback
}

/** Picks dark or white text for a background colour (hex only; other formats get white). */
export function contrastTextColor(background: string): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(background)?.[1]
  if (!hex) return '#ffffff'
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255) as [
    number,
    number,
    number,
  ]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.6 ? '#111827' : '#ffffff'
}

export function clampNumber(value: unknown, min: number, max: number, fallback: number): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string'
        ? Number.parseFloat(value)
        : Number.NaN
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : fallback
}
