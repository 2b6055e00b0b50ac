import type { HTMLConverter } from '@payloadcms/richtext-lexical/html'
import type { SerializedBlockNode } from '@payloadcms/richtext-lexical'

import {
  clampNumber,
  contrastTextColor,
  escapeAttrKeepLiquid,
  escapeHtmlKeepLiquid,
  safeColor,
  safeUrl,
} from './escape.js'
import { BASE_TEXT, CONTENT_WIDTH, FONT_FAMILY, TABLE_ATTRS, ruleHtml } from './styles.js'

type Align = 'center' | 'left' | 'right'
type BlockConverter = HTMLConverter<SerializedBlockNode>

const str = (value: unknown): string => (typeof value === 'string' ? value : '')
const align = (value: unknown, fallback: Align): Align =>
  value === 'center' || value === 'left' || value === 'right' ? value : fallback

interface SerializedStateLike {
  root?: { children?: unknown[] }
}

export interface BlockConverterOptions {
  buttonColor: string
}

/** Bulletproof button: the coloured `<td>` carries the background so Outlook shows it even without CSS padding on `<a>`. */
export const buttonConverter =
  (options: BlockConverterOptions): BlockConverter =>
  ({ node }) => {
    const fields = node.fields
    const label = str(fields.label).trim()
    if (!label) return ''
    const background = safeColor(fields.color, options.buttonColor)
    const color = contrastTextColor(background)
    const position = align(fields.align, 'left')
    return (
      `<table ${TABLE_ATTRS} width="100%" style="width:100%;margin:0 0 16px;"><tr><td align="${position}">` +
      `<table ${TABLE_ATTRS} style="border-collapse:separate;"><tr>` +
      `<td align="center" bgcolor="${background}" style="border-radius:6px;background-color:${background};">` +
      `<a href="${safeUrl(fields.url)}" target="_blank" rel="noopener noreferrer" style="display:inline-block;` +
      `padding:12px 24px;font-family:${FONT_FAMILY};font-size:16px;line-height:20px;font-weight:bold;` +
      `color:${color};text-decoration:none;border-radius:6px;">${escapeHtmlKeepLiquid(label)}</a>` +
      `</td></tr></table></td></tr></table>`
    )
  }

export const imageConverter: BlockConverter = ({ node }) => {
  const fields = node.fields
  const src = str(fields.src) || str(fields.url)
  if (!src.trim()) return ''
  const width = clampNumber(fields.width, 1, CONTENT_WIDTH, 0)
  const widthAttr = width ? ` width="${width}"` : ''
  const sizeStyle = width ? `width:100%;max-width:${width}px;` : 'max-width:100%;'
  let img =
    `<img src="${safeUrl(src)}" alt="${escapeAttrKeepLiquid(str(fields.alt))}"${widthAttr} ` +
    `style="display:block;${sizeStyle}height:auto;border:0;outline:none;text-decoration:none;" />`
  if (str(fields.href).trim()) {
    img = `<a href="${safeUrl(fields.href)}" target="_blank" rel="noopener noreferrer" style="text-decoration:none;">${img}</a>`
  }
  const position = align(fields.align, 'center')
  return `<table ${TABLE_ATTRS} width="100%" style="width:100%;margin:0 0 16px;"><tr><td align="${position}">${img}</td></tr></table>`
}

export const dividerConverter: BlockConverter = () => ruleHtml()

export const spacerConverter: BlockConverter = ({ node }) => {
  const height = clampNumber(node.fields.height, 0, 200, 24)
  return (
    `<table ${TABLE_ATTRS} width="100%" style="width:100%;"><tr>` +
    `<td height="${height}" style="height:${height}px;font-size:1px;line-height:1px;">&nbsp;</td></tr></table>`
  )
}

/** Two columns as a two-cell table; each column is a nested editor state converted with the same converters. */
export const twoColumnsConverter: BlockConverter = ({ node, nodesToHTML }) => {
  const column = (value: unknown): string => {
    const children = (value as SerializedStateLike | undefined)?.root?.children
    return Array.isArray(children) ? nodesToHTML({ nodes: children as never[] }).join('') : ''
  }
  const cell = (html: string, padding: string): string =>
    `<td width="50%" valign="top" style="width:50%;vertical-align:top;padding:${padding};${BASE_TEXT}">${html}</td>`
  return (
    `<table ${TABLE_ATTRS} width="100%" style="width:100%;margin:0 0 16px;"><tr>` +
    cell(column(node.fields.left), '0 12px 0 0') +
    cell(column(node.fields.right), '0 0 0 12px') +
    `</tr></table>`
  )
}

export const emailBlockConverters = (
  options: BlockConverterOptions,
): Record<string, BlockConverter> => ({
  button: buttonConverter(options),
  divider: dividerConverter,
  image: imageConverter,
  spacer: spacerConverter,
  twoColumns: twoColumnsConverter,
})
