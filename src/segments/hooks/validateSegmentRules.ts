import type { CollectionBeforeValidateHook } from 'payload'

import { ValidationError } from 'payload'

import type { SegmentConditions } from '../conditionTypes.js'

import { validateConditions } from '../compileConditions.js'
import { SegmentConditionError } from '../conditionTypes.js'

/** Refuses to save rules that would not compile, pointing the admin at the incomplete condition. */
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
      errors: [{ message: error.reason, path: error.path }],
    })
  }
  return data
}
