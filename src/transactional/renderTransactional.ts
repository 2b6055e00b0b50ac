import type { Payload, PayloadRequest } from 'payload'

import { numericIdOf } from '../utilities/idOf.js'
import type { EmailLayoutOptions } from '../rendering/layout.js'
import type { TransactionalTemplate } from './templateTypes.js'

import { layoutForRendering } from '../layouts/layoutForRendering.js'
import { lexicalToEmailHtml } from '../rendering/lexicalToEmailHtml.js'
import { personalize, prepareEmail, type PreparedEmail } from '../rendering/renderEmail.js'
import { InvalidTransactionalTemplateError } from './errors.js'

export type RenderedTransactional =
  | { html: string; subject: string; text: string; type: 'content' }
  | { templateAlias: string; templateModel: Record<string, unknown>; type: 'postmark' }

/** The template's layout, or the default transactional layout (no marketing footer) when it names none; no layout without the layouts collection. */
const loadLayout = async (
  payload: Payload,
  template: TransactionalTemplate,
  req?: Partial<PayloadRequest>,
): Promise<EmailLayoutOptions | undefined> => {
  return layoutForRendering(payload, numericIdOf(template.layout), { kind: 'transactional', req })
}

/** Prepared (layout rendered, Liquid parsed) templates of saved docs, by id, last update and layout. */
const preparedCache = new Map<string, PreparedEmail>()
const maxCached = 200

const prepare = async (
  payload: Payload,
  template: TransactionalTemplate,
  req?: Partial<PayloadRequest>,
): Promise<PreparedEmail> => {
  const layout = await loadLayout(payload, template, req)
  const key =
    template.id && template.updatedAt
      ? `${template.id}:${template.updatedAt}:${JSON.stringify(layout ?? null)}`
      : undefined
  const cached = key ? preparedCache.get(key) : undefined
  if (cached) return cached
  const html = template.mode === 'html' ? (template.html ?? '') : lexicalToEmailHtml(template.body)
  if (!template.subject?.trim()) {
    throw new InvalidTransactionalTemplateError(
      `Transactional template "${template.slug ?? template.id}" has no subject.`,
    )
  }
  const prepared = await prepareEmail({
    html,
    kind: 'transactional',
    layout,
    preheader: template.preheader ?? undefined,
    subject: template.subject,
  })
  if (key) {
    if (preparedCache.size >= maxCached)
      preparedCache.delete(preparedCache.keys().next().value as string)
    preparedCache.set(key, prepared)
  }
  return prepared
}

/**
 * Renders a template: Liquid sees the caller's `data` at the top level and `contact` when the address
 * is a contact's (unless `data` has its own `contact`). Postmark-template mode renders nothing here:
 * `data` becomes the TemplateModel and Postmark merges it. Throws `TemplateSyntaxError` for broken Liquid.
 */
export const renderTransactional = async (
  payload: Payload,
  template: TransactionalTemplate,
  { contact, data }: { contact?: null | Record<string, unknown>; data: Record<string, unknown> },
  req?: Partial<PayloadRequest>,
): Promise<RenderedTransactional> => {
  if (template.mode === 'postmark') {
    if (!template.postmarkTemplateAlias) {
      throw new InvalidTransactionalTemplateError(
        `Transactional template "${template.slug ?? template.id}" has no Postmark template alias.`,
      )
    }
    return { templateAlias: template.postmarkTemplateAlias, templateModel: data, type: 'postmark' }
  }
  return {
    ...personalize(await prepare(payload, template, req), { contact: contact ?? {}, ...data }),
    type: 'content',
  }
}
