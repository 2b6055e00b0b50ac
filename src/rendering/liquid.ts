import { EmailMarketingError } from '../errors/EmailMarketingError.js'
import { Liquid, LiquidError, type Template } from 'liquidjs'

import { compileFastTemplate, type FastTemplate, renderFastTemplate } from './fastOutputs.js'

/** `html` escapes every `{{ output }}` for HTML; `text` leaves output untouched (subjects, plain text). */
export type TemplateMode = 'html' | 'text'

const sharedOptions = {
  strictVariables: false,
  strictFilters: true,
  ownPropertyOnly: true,
  // An in-memory (empty) template map: `{% include %}` / `{% render %}` can never read the server's disk.
  templates: {},
  parseLimit: 10_000_000,
  memoryLimit: 100_000_000,
} as const

/** Shared engine for HTML bodies: output is HTML-escaped unless `| raw` is used. */
export const liquid = new Liquid({ ...sharedOptions, outputEscape: 'escape' })

/** Shared engine for subjects and plain text: no escaping. */
export const textLiquid = new Liquid({ ...sharedOptions })

export const engineFor = (mode: TemplateMode): Liquid => (mode === 'html' ? liquid : textLiquid)

export class TemplateSyntaxError extends EmailMarketingError {
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(`Liquid error in ${field}: ${reason} (line ${line}, column ${col})`, 400, {
      col,
      field,
      line,
    })
  }
}

export interface CompiledTemplate {
  readonly mode: TemplateMode
  readonly source: string
  readonly templates: Template[]
  /** True when the source has no Liquid at all, so rendering is a plain string copy. */
  readonly isStatic: boolean
  /** Set when the source is only text and simple outputs, which render without liquidjs. */
  readonly fast: FastTemplate | null
}

const toSyntaxError = (error: unknown, field: string): unknown => {
  if (!(error instanceof LiquidError)) return error
  const [line, col] = error.token?.getPosition?.() ?? [1, 1]
  // liquidjs appends ", line:X, col:Y" (and sometimes a file) to its messages; we report position separately.
  const reason = error.message.replace(/,\s*(file:[^,]*,\s*)?line:\d+,\s*col:\d+\s*$/, '')
  return new TemplateSyntaxError(field, reason, line ?? 1, col ?? 1)
}

/** Parses Liquid, throwing a `TemplateSyntaxError` (with field, line, column) on broken tags or unknown filters. */
export function parseTemplate(
  source: string,
  fieldLabel: string,
  mode: TemplateMode = 'html',
): Template[] {
  try {
    return engineFor(mode).parse(source)
  } catch (error) {
    throw toSyntaxError(error, fieldLabel)
  }
}

export function compileTemplate(
  source: string,
  options: { mode?: TemplateMode; field?: string } = {},
): CompiledTemplate {
  const mode = options.mode ?? 'html'
  const templates = parseTemplate(source, options.field ?? 'template', mode)
  const isStatic = !hasLiquid(source)
  return { mode, source, templates, isStatic, fast: isStatic ? null : compileFastTemplate(source) }
}

/** Synchronous render of a compiled template; cheap enough to call once per recipient. */
export function renderCompiled(tpl: CompiledTemplate, scope: Record<string, unknown>): string {
  if (tpl.isStatic) return tpl.source
  const fast = tpl.fast && renderFastTemplate(tpl.fast, scope, tpl.mode === 'html')
  if (typeof fast === 'string') return fast
  return String(engineFor(tpl.mode).renderSync(tpl.templates, scope) ?? '')
}

/** One-off parse + render (previews, tests). Prefer `compileTemplate` + `renderCompiled` in loops. */
export function renderTemplate(
  source: string,
  scope: Record<string, unknown>,
  options: { mode?: TemplateMode; field?: string } = {},
): string {
  return renderCompiled(compileTemplate(source, options), scope)
}

/** Matches complete Liquid tags: `{{ ... }}` and `{% ... %}` (including `{{-`/`-%}` whitespace control). */
export const LIQUID_TAG_PATTERN = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g

export const hasLiquid = (source: string): boolean => source.includes('{{') || source.includes('{%')

const ENTITY_MAP: Record<string, string> = {
  '&quot;': '"',
  '&#34;': '"',
  '&#x22;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&apos;': "'",
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
}
const ENTITY_PATTERN = /&(?:quot|#34|#x22|#39|#x27|apos|lt|gt|amp);/gi

/**
 * HTML serialisers (React, escape-html) turn `{{ x | default: "y" }}` into `{{ x | default: &quot;y&quot; }}`,
 * which Liquid cannot parse. This decodes entities *inside* Liquid tags only; the rest of the HTML is untouched.
 */
export function repairLiquidTags(html: string): string {
  if (!hasLiquid(html)) return html
  return html.replace(LIQUID_TAG_PATTERN, (tag) =>
    tag.replace(ENTITY_PATTERN, (entity) => ENTITY_MAP[entity.toLowerCase()] ?? entity),
  )
}
