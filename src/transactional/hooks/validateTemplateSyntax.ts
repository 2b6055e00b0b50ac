import type { CollectionBeforeValidateHook } from 'payload'

import { ValidationError } from 'payload'

import { parseTemplate, repairLiquidTags, TemplateSyntaxError } from '../../rendering/liquid.js'

/** Refuses to save a template whose Liquid does not parse, naming the field, line and column. */
export const validateTemplateSyntax: CollectionBeforeValidateHook = ({ collection, data, req }) => {
  if (!data || data.mode === 'postmark') return data
  const checks: [string, 'html' | 'text', unknown][] = [
    ['subject', 'text', data.subject],
    ['preheader', 'text', data.preheader],
    ['html', 'html', data.mode === 'html' ? data.html : undefined],
  ]
  for (const [path, mode, value] of checks) {
    if (typeof value !== 'string' || !value) continue
    try {
      parseTemplate(mode === 'html' ? repairLiquidTags(value) : value, path, mode)
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error
      throw new ValidationError({
        collection: collection.slug,
        errors: [{ message: error.message, path }],
        req,
      })
    }
  }
  return data
}
