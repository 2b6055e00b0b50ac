/** Inline style building blocks shared by the Lexical converters and the layout. */
export const FONT_FAMILY =
  "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"
export const MONO_FONT_FAMILY = 'Menlo,Consolas,Monaco,monospace'
export const TEXT_COLOR = '#111827'
export const MUTED_COLOR = '#6b7280'
export const BORDER_COLOR = '#e5e7eb'
export const DEFAULT_LINK_COLOR = '#2563eb'
export const DEFAULT_BUTTON_COLOR = '#2563eb'
/** Usable content width inside the 600px container (32px padding either side). */
export const CONTENT_WIDTH = 536

export const BASE_TEXT = `font-family:${FONT_FAMILY};font-size:16px;line-height:24px;color:${TEXT_COLOR};`

export const HEADING_STYLES: Record<string, string> = {
  h1: 'font-size:28px;line-height:36px;margin:0 0 16px;',
  h2: 'font-size:22px;line-height:30px;margin:0 0 14px;',
  h3: 'font-size:18px;line-height:26px;margin:0 0 12px;',
  h4: 'font-size:16px;line-height:24px;margin:0 0 12px;',
  h5: 'font-size:14px;line-height:20px;margin:0 0 10px;',
  h6: 'font-size:13px;line-height:18px;margin:0 0 10px;',
}

/** Attributes every layout table needs so Outlook/Gmail don't add gaps. */
export const TABLE_ATTRS = 'role="presentation" border="0" cellpadding="0" cellspacing="0"'

/**
 * Payload's converter hands us `text-align: x;padding-inline-start: Npx;` for aligned/indented nodes.
 * `padding-inline-start` is poorly supported by mail clients, so map it to `padding-left`.
 */
export const emailSafeProvidedCss = (css: string): string =>
  css.replace(/\s+/g, '').replace(/padding-inline-start:/g, 'padding-left:')

/** Horizontal rule as a table: `<hr>` margins/colours are inconsistent across clients. */
export const ruleHtml = (padding = '8px 0 24px'): string =>
  `<table ${TABLE_ATTRS} width="100%" style="width:100%;"><tr><td style="padding:${padding};">` +
  `<div style="border-top:1px solid ${BORDER_COLOR};font-size:1px;line-height:1px;height:1px;">&nbsp;</div>` +
  `</td></tr></table>`
