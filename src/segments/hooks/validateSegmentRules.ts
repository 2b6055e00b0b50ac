import type { CollectionBeforeValidateHook } from 'payload'

import { ValidationError } from 'payload'

import type { SegmentConditions } from '../conditionTypes.js'

import { validateConditions } from '../compileConditions.js'
import { SegmentConditionError } from '../conditionTypes.js'

/**
 * Refuses to save rules that would not compile. The error names the rule's field to fix
 * (`groups.0.conditions.1.tag`), so the admin shows the message next to that field.
 */
export const validateSegmentRules: CollectionBeforeValidateHook = ({
  collection,
  data,
  originalDoc,
  req,
}) => {
  const rules = { ...originalDoc, ...data } as SegmentConditions
  try {
    validateConditions(req.payload, rules)
  } catch (error) {
    if (!(error instanceof SegmentConditionError)) throw error
    throw new ValidationError({
      collection: collection.slug,
      errors: [
        {
          message: error.reason[0].toUpperCase() + error.reason.slice(1),
          path: error.field ? `${error.path}.${error.field}` : error.path,
        },
      ],
    })
  }
  return data
}
