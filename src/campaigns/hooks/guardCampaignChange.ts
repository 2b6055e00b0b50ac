import type { CollectionBeforeChangeHook } from 'payload'

import { ValidationError } from 'payload'

import type { CampaignDoc } from '../campaignContent.js'

import { checkCampaign } from '../campaignChecklist.js'
import {
  assertTransition,
  type CampaignStatus,
  CampaignTransitionError,
  isEditable,
} from '../campaignStatus.js'
import { changedFrozenFields } from '../frozenFields.js'

/**
 * Rejects status changes the transition table does not list, changes to what is sent once the
 * campaign left draft (400 naming each field), and scheduling or sending a campaign whose pre-send
 * checklist has blocking findings (each as a field error the admin shows next to the field).
 */
export const guardCampaignChange: CollectionBeforeChangeHook = async ({
  collection,
  data,
  operation,
  originalDoc,
  req,
}) => {
  const from = (originalDoc?.status ?? 'draft') as CampaignStatus
  const to = (data.status ?? from) as CampaignStatus
  try {
    assertTransition(from, to)
  } catch (error) {
    if (error instanceof CampaignTransitionError) {
      throw new ValidationError({
        collection: collection.slug,
        errors: [{ message: error.message, path: 'status' }],
      })
    }
    throw error
  }
  if (operation === 'update' && originalDoc && !isEditable(from)) {
    const changed = changedFrozenFields(data, originalDoc)
    if (changed.length > 0) {
      throw new ValidationError({
        collection: collection.slug,
        errors: changed.map((field) => ({
          message: `"${field}" cannot change once the campaign is ${from}: ${from === 'scheduled' ? 'unschedule it first, or duplicate it' : 'duplicate it'} to send a changed copy.`,
          path: field,
        })),
      })
    }
  }
  if (from !== to && (to === 'scheduled' || to === 'sending')) {
    const { findings } = await checkCampaign(
      req.payload,
      { ...originalDoc, ...data } as CampaignDoc,
      { req },
    )
    const blocking = findings.filter((finding) => finding.level === 'blocking')
    if (blocking.length > 0) {
      throw new ValidationError({
        collection: collection.slug,
        errors: blocking.map((finding) => ({
          message: finding.message,
          path: finding.field ?? 'status',
        })),
      })
    }
  }
  return data
}
