import type { CollectionBeforeValidateHook } from 'payload'

import { ValidationError } from 'payload'

import { parseTemplate, TemplateSyntaxError } from '../../rendering/liquid.js'

const liquidFields = ['headerHtml', 'footerHtml', 'postalAddress'] as const

/** Broken Liquid in a layout is refused on save, with its line and column, not found at send time. */
export const validateLayoutTemplates: CollectionBeforeValidateHook = ({ collection, data }) => {
  const errors = liquidFields.flatMap((field) => {
    const source = data?.[field]
    if (typeof source !== 'string' || !source) return []
    try {
      parseTemplate(source, field)
      return []
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error
      return [{ message: `${error.reason} (line ${error.line}, column ${error.col})`, path: field }]
    }
  })
  if (errors.length) throw new ValidationError({ collection: collection.slug, errors })
  return data
}
