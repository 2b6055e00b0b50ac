import type { CollectionBeforeChangeHook } from 'payload'

import { ValidationError } from 'payload'

import type { CampaignDoc } from '../campaignContent.js'

import { TemplateSyntaxError } from '../../rendering/liquid.js'
import { validateCampaignTemplates } from '../campaignContent.js'
import { assertTransition, type CampaignStatus, CampaignTransitionError } from '../campaignStatus.js'

const fieldPathOf = (field: string): string => (field === 'subject' || field === 'preheader' ? field : 'content')

/** A TemplateSyntaxError as a field error the admin shows next to the field, with line and column. */
export const liquidValidationError = (error: TemplateSyntaxError, collection: string): ValidationError =>
  new ValidationError({
    collection,
    errors: [{ message: `Liquid error in ${error.field}: ${error.reason} (line ${error.line}, column ${error.col})`, path: fieldPathOf(error.field) }],
  })

/**
 * Rejects status changes the transition table does not list, and blocks scheduling or sending a
 * campaign whose subject, preheader or content has broken Liquid.
 */
export const guardCampaignChange: CollectionBeforeChangeHook = async ({ collection, data, originalDoc, req }) => {
  const from = (originalDoc?.status ?? 'draft') as CampaignStatus
  const to = (data.status ?? from) as CampaignStatus
  try {
    assertTransition(from, to)
  } catch (error) {
    if (error instanceof CampaignTransitionError) {
      throw new ValidationError({ collection: collection.slug, errors: [{ message: error.message, path: 'status' }] })
    }
    throw error
  }
  if (to === 'scheduled' || to === 'sending') {
    try {
      await validateCampaignTemplates(req.payload, { ...originalDoc, ...data } as CampaignDoc)
    } catch (error) {
      if (error instanceof TemplateSyntaxError) throw liquidValidationError(error, collection.slug)
      throw error
    }
  }
  return data
}
