import type { Payload, PayloadRequest } from 'payload'

import type { EmailLayoutOptions } from '../rendering/layout.js'
import type { TransactionalTemplate } from './templateTypes.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { lexicalToEmailHtml } from '../rendering/lexicalToEmailHtml.js'
import { personalize, prepareEmail, type PreparedEmail } from '../rendering/renderEmail.js'
import { InvalidTransactionalTemplateError } from './errors.js'

export type RenderedTransactional =
  | { html: string; subject: string; text: string; type: 'content' }
  | { templateAlias: string; templateModel: Record<string, unknown>; type: 'postmark' }

const layoutKeys = ['brandColor', 'logoUrl', 'headerHtml', 'footerHtml', 'postalAddress'] as const

/** The layout options a layouts document carries (whatever else it has is ignored). */
const layoutOptionsOf = (doc: Record<string, unknown> | null | undefined): EmailLayoutOptions | undefined => {
  if (!doc) return undefined
  const picked = Object.fromEntries(layoutKeys.flatMap((key) => (typeof doc[key] === 'string' && doc[key] ? [[key, doc[key]]] : [])))
  return Object.keys(picked).length ? (picked as EmailLayoutOptions) : undefined
}

const loadLayout = async (payload: Payload, template: TransactionalTemplate, req?: Partial<PayloadRequest>) => {
  const { layout } = template
  if (layout === null || layout === undefined) return undefined
  if (typeof layout === 'object') return layoutOptionsOf(layout)
  const slug = pluginOptionsOf(payload).slugs.layouts
  if (!payload.collections[slug as keyof typeof payload.collections]) return undefined
  const doc = await payload.findByID({ id: layout, collection: slug as 'users', depth: 0, disableErrors: true, req })
  return layoutOptionsOf(doc as Record<string, unknown> | null)
}

/** Prepared (layout rendered, Liquid parsed) templates of saved docs, by id and last update. */
const preparedCache = new Map<string, PreparedEmail>()
const maxCached = 200

const prepare = async (payload: Payload, template: TransactionalTemplate, req?: Partial<PayloadRequest>): Promise<PreparedEmail> => {
  const key = template.id && template.updatedAt ? `${template.id}:${template.updatedAt}` : undefined
  const cached = key ? preparedCache.get(key) : undefined
  if (cached) return cached
  const html = template.mode === 'html' ? (template.html ?? '') : lexicalToEmailHtml(template.body)
  if (!template.subject?.trim()) {
    throw new InvalidTransactionalTemplateError(`Transactional template "${template.slug ?? template.id}" has no subject.`)
  }
  const prepared = await prepareEmail({
    html,
    kind: 'transactional',
    layout: await loadLayout(payload, template, req),
    preheader: template.preheader ?? undefined,
    subject: template.subject,
  })
  if (key) {
    if (preparedCache.size >= maxCached) preparedCache.delete(preparedCache.keys().next().value as string)
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
      throw new InvalidTransactionalTemplateError(`Transactional template "${template.slug ?? template.id}" has no Postmark template alias.`)
    }
    return { templateAlias: template.postmarkTemplateAlias, templateModel: data, type: 'postmark' }
  }
  return { ...personalize(await prepare(payload, template, req), { contact: contact ?? {}, ...data }), type: 'content' }
}
