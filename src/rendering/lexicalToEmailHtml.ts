import type {
  SerializedAutoLinkNode,
  SerializedHeadingNode,
  SerializedLinkNode,
  SerializedListItemNode,
  SerializedListNode,
  SerializedTableCellNode,
  SerializedTextNode,
  SerializedUploadNode,
} from '@payloadcms/richtext-lexical'
import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'

import {
  convertLexicalToHTML,
  type HTMLConverter,
  type HTMLConverters,
  type HTMLConvertersFunction,
} from '@payloadcms/richtext-lexical/html'

import { emailBlockConverters } from './emailBlockConverters.js'
import { escapeAttrKeepLiquid, escapeHtmlKeepLiquid, safeColor, safeUrl } from './escape.js'
import {
  BASE_TEXT,
  BORDER_COLOR,
  DEFAULT_BUTTON_COLOR,
  DEFAULT_LINK_COLOR,
  FONT_FAMILY,
  HEADING_STYLES,
  MONO_FONT_FAMILY,
  MUTED_COLOR,
  TEXT_COLOR,
  emailSafeProvidedCss,
  ruleHtml,
} from './styles.js'

export interface LexicalToEmailHtmlOptions {
  linkColor?: string
  buttonColor?: string
  /** Resolves `linkType: 'internal'` links (links to Payload documents). Defaults to `fields.url` or `#`. */
  internalDocToHref?: (link: SerializedLinkNode) => string
}

// Lexical text format bit flags (lexical/LexicalConstants).
const FORMAT = {
  bold: 1,
  italic: 2,
  strikethrough: 4,
  underline: 8,
  code: 16,
  subscript: 32,
  superscript: 64,
  highlight: 128,
}

export const formatText = (text: string, format: number): string => {
  let html = escapeHtmlKeepLiquid(text)
  if (format & FORMAT.bold) html = `<strong style="font-weight:bold;">${html}</strong>`
  if (format & FORMAT.italic) html = `<em style="font-style:italic;">${html}</em>`
  if (format & FORMAT.strikethrough)
    html = `<span style="text-decoration:line-through;">${html}</span>`
  if (format & FORMAT.underline) html = `<span style="text-decoration:underline;">${html}</span>`
  if (format & FORMAT.code) {
    html = `<code style="font-family:${MONO_FONT_FAMILY};font-size:14px;background-color:#f3f4f6;padding:2px 4px;border-radius:4px;">${html}</code>`
  }
  if (format & FORMAT.subscript) html = `<sub>${html}</sub>`
  if (format & FORMAT.superscript) html = `<sup>${html}</sup>`
  if (format & FORMAT.highlight) html = `<span style="background-color:#fef08a;">${html}</span>`
  return html
}

const style = (...parts: string[]): string => ` style="${parts.join('')}"`

/** Email-safe replacements for every default converter: inline styles only, never a `class` attribute. */
export function emailHtmlConverters(
  options: LexicalToEmailHtmlOptions = {},
): HTMLConvertersFunction {
  const linkColor = safeColor(options.linkColor, DEFAULT_LINK_COLOR)
  const buttonColor = safeColor(options.buttonColor, DEFAULT_BUTTON_COLOR)

  const link: HTMLConverter<SerializedAutoLinkNode | SerializedLinkNode> = ({
    node,
    nodesToHTML,
    providedCSSString,
  }) => {
    const children = nodesToHTML({ nodes: node.children }).join('')
    const href =
      node.fields.linkType === 'internal'
        ? (options.internalDocToHref?.(node as SerializedLinkNode) ?? node.fields.url ?? '#')
        : (node.fields.url ?? '#')
    const target = node.fields.newTab ? ' target="_blank" rel="noopener noreferrer"' : ''
    return `<a href="${safeUrl(href)}"${target}${style(`color:${linkColor};text-decoration:underline;`, emailSafeProvidedCss(providedCSSString))}>${children}</a>`
  }

  const converters: HTMLConverters = {
    text: ({ node }: { node: SerializedTextNode }) => formatText(node.text ?? '', node.format ?? 0),
    linebreak: '<br />',
    tab: ' ',
    paragraph: ({ node, nodesToHTML, providedCSSString }) => {
      const children = nodesToHTML({ nodes: node.children ?? [] }).join('')
      return `<p${style('margin:0 0 16px;', emailSafeProvidedCss(providedCSSString))}>${children || '<br />'}</p>`
    },
    heading: ({ node, nodesToHTML, providedCSSString }) => {
      const heading = node as SerializedHeadingNode
      const tag = heading.tag in HEADING_STYLES ? heading.tag : 'h2'
      const children = nodesToHTML({ nodes: heading.children }).join('')
      const css = `font-family:${FONT_FAMILY};font-weight:bold;color:${TEXT_COLOR};${HEADING_STYLES[tag]}`
      return `<${tag}${style(css, emailSafeProvidedCss(providedCSSString))}>${children}</${tag}>`
    },
    quote: ({ node, nodesToHTML, providedCSSString }) => {
      const children = nodesToHTML({ nodes: node.children ?? [] }).join('')
      const css = `margin:0 0 16px;padding:4px 0 4px 16px;border-left:4px solid ${BORDER_COLOR};${BASE_TEXT}color:${MUTED_COLOR};`
      return `<blockquote${style(css, emailSafeProvidedCss(providedCSSString))}>${children}</blockquote>`
    },
    horizontalrule: ruleHtml(),
    link,
    autolink: link,
    list: ({ node, nodesToHTML, providedCSSString }) => {
      const list = node as SerializedListNode
      const tag = list.tag === 'ol' ? 'ol' : 'ul'
      const start = tag === 'ol' && list.start > 1 ? ` start="${Number(list.start)}"` : ''
      const children = nodesToHTML({ nodes: list.children }).join('')
      const css = `margin:0 0 16px;padding:0 0 0 24px;${BASE_TEXT}`
      return `<${tag}${start}${style(css, emailSafeProvidedCss(providedCSSString))}>${children}</${tag}>`
    },
    listitem: ({ node, nodesToHTML, parent }) => {
      const item = node as SerializedListItemNode
      const children = nodesToHTML({ nodes: item.children }).join('')
      if (item.children.some((child) => child.type === 'list')) {
        return `<li style="list-style-type:none;margin:0;">${children}</li>`
      }
      if ((parent as { listType?: string }).listType === 'check') {
        const box = item.checked ? '&#9745;' : '&#9744;'
        return `<li style="list-style-type:none;margin:0 0 8px;">${box}&nbsp;${children}</li>`
      }
      return `<li style="margin:0 0 8px;">${children}</li>`
    },
    upload: ({ node }) => {
      const doc = (node as SerializedUploadNode).value as unknown
      if (!doc || typeof doc !== 'object') return ''
      const { alt, filename, mimeType, url, width } = doc as Record<string, unknown>
      if (typeof url !== 'string') return ''
      if (typeof mimeType === 'string' && !mimeType.startsWith('image')) {
        return `<a href="${safeUrl(url)}" style="color:${linkColor};text-decoration:underline;">${escapeHtmlKeepLiquid(String(filename ?? url))}</a>`
      }
      const w = typeof width === 'number' && width > 0 ? Math.min(width, 536) : 0
      return `<img src="${safeUrl(url)}" alt="${escapeAttrKeepLiquid(String(alt ?? ''))}"${w ? ` width="${w}"` : ''} style="display:block;max-width:100%;height:auto;border:0;margin:0 0 16px;" />`
    },
    table: ({ node, nodesToHTML }) => {
      const rows = nodesToHTML({ nodes: (node as { children?: never[] }).children ?? [] }).join('')
      return `<table border="0" cellpadding="0" cellspacing="0" width="100%" style="width:100%;border-collapse:collapse;margin:0 0 16px;"><tbody>${rows}</tbody></table>`
    },
    tablerow: ({ node, nodesToHTML }) =>
      `<tr>${nodesToHTML({ nodes: (node as { children?: never[] }).children ?? [] }).join('')}</tr>`,
    tablecell: ({ node, nodesToHTML }) => {
      const cell = node as SerializedTableCellNode
      const tag = cell.headerState > 0 ? 'th' : 'td'
      const background = cell.backgroundColor
        ? `background-color:${safeColor(cell.backgroundColor, 'transparent')};`
        : ''
      const spans =
        (cell.colSpan && cell.colSpan > 1 ? ` colspan="${Number(cell.colSpan)}"` : '') +
        (cell.rowSpan && cell.rowSpan > 1 ? ` rowspan="${Number(cell.rowSpan)}"` : '')
      const css = `border:1px solid ${BORDER_COLOR};padding:8px;text-align:left;vertical-align:top;${BASE_TEXT}${background}`
      return `<${tag}${spans}${style(css)}>${nodesToHTML({ nodes: cell.children }).join('')}</${tag}>`
    },
    blocks: emailBlockConverters({ buttonColor }),
    inlineBlocks: {},
    // Anything else (relationships, unknown custom nodes) is dropped rather than emitting "<span>unknown node</span>".
    unknown: () => '',
  }
  return () => converters
}

/**
 * Converts a Lexical editor state into email-safe HTML (inline styles, no classes, no container div).
 * Paragraphs carry only their margin: their font comes from the layout's body wrapper (table cells,
 * which some clients do not inherit into, carry their own).
 */
export function lexicalToEmailHtml(
  data: SerializedEditorState | null | undefined,
  options: LexicalToEmailHtmlOptions = {},
): string {
  if (!data?.root) return ''
  return convertLexicalToHTML({
    converters: emailHtmlConverters(options),
    data,
    disableContainer: true,
  })
}
