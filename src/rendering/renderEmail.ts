import { htmlToPlainText, htmlToTextTemplate, tidyPlainText } from './htmlToText.js'
import { type EmailKind, type EmailLayoutOptions, renderLayout } from './layout.js'
import {
  type CompiledTemplate,
  compileTemplate,
  parseTemplate,
  renderCompiled,
  repairLiquidTags,
} from './liquid.js'

export interface PrepareEmailInput {
  subject: string
  preheader?: string
  /** Body HTML, already converted (e.g. by `lexicalToEmailHtml`). Liquid allowed. */
  html: string
  layout?: EmailLayoutOptions
  kind: EmailKind
  /** URL or Liquid placeholder; marketing emails default to `{{ unsubscribe_url }}`. */
  unsubscribeUrl?: string
}

/** Everything expensive, done once per send: layout render, Liquid parsing, HTML→text conversion. */
export interface PreparedEmail {
  readonly kind: EmailKind
  /** Text-mode (unescaped) subject template. */
  readonly subject: CompiledTemplate
  /** HTML-mode (escaped output) template of the complete document. */
  readonly html: CompiledTemplate
  /**
   * Text-mode template of the plain-text part, derived once from the document with Liquid tags kept.
   * `null` only if html-to-text could not keep every tag; `personalize` then converts per recipient (slower).
   */
  readonly text: CompiledTemplate | null
}

export interface PersonalizedEmail {
  subject: string
  html: string
  text: string
}

/** Validates every Liquid-bearing input separately so errors name the field the author typed into. */
function validateInputs(input: PrepareEmailInput): void {
  parseTemplate(input.subject, 'subject', 'text')
  parseTemplate(repairLiquidTags(input.html), 'body')
  const optional: [string | undefined, string][] = [
    [input.preheader, 'preheader'],
    [input.layout?.headerHtml, 'header'],
    [input.layout?.footerHtml, 'footer'],
    [input.layout?.postalAddress, 'postal address'],
    [input.unsubscribeUrl, 'unsubscribe URL'],
  ]
  for (const [source, field] of optional) if (source) parseTemplate(source, field)
}

function compileTextPart(documentHtml: string): CompiledTemplate | null {
  const { text, complete } = htmlToTextTemplate(documentHtml)
  if (!complete) return null
  try {
    return compileTemplate(text, { mode: 'text', field: 'plain text' })
  } catch {
    return null
  }
}

/**
 * Phase 1 (once per email): renders the React Email layout around the body and compiles subject,
 * HTML and plain text into Liquid templates. Throws `TemplateSyntaxError` for broken Liquid.
 */
export async function prepareEmail(input: PrepareEmailInput): Promise<PreparedEmail> {
  validateInputs(input)
  const documentHtml = await renderLayout({
    bodyHtml: input.html,
    preheader: input.preheader,
    layout: input.layout,
    unsubscribeUrl: input.unsubscribeUrl,
    kind: input.kind,
  })
  return {
    kind: input.kind,
    subject: compileTemplate(input.subject, { mode: 'text', field: 'subject' }),
    html: compileTemplate(documentHtml, { mode: 'html', field: 'html' }),
    text: compileTextPart(documentHtml),
  }
}

/**
 * Phase 2 (once per recipient): a synchronous Liquid pass over the prepared templates.
 * `scope` is e.g. `{ contact, unsubscribe_url, campaign }`; unknown variables render empty.
 */
export function personalize(
  prepared: PreparedEmail,
  scope: Record<string, unknown>,
): PersonalizedEmail {
  const html = renderCompiled(prepared.html, scope)
  const text = prepared.text ? renderCompiled(prepared.text, scope) : htmlToPlainText(html)
  return {
    subject: renderCompiled(prepared.subject, scope).replace(/\s+/g, ' ').trim(),
    html,
    text: tidyPlainText(text),
  }
}
