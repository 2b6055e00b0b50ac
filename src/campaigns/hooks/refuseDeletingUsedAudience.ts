import type { CollectionBeforeDeleteHook, CollectionSlug } from 'payload'

import { APIError } from 'payload'

import { pluginOptionsOf } from '../../pluginContext.js'

const inUse = ['scheduled', 'sending', 'paused']

/**
 * Refuses deleting a list or segment that a scheduled, sending or paused campaign names (as its
 * audience or an exclusion): the delete would empty or widen who the campaign goes to. The message
 * names the campaigns.
 */
export const refuseDeletingUsedAudience =
  (kind: 'list' | 'segment'): CollectionBeforeDeleteHook =>
  async ({ id, req }) => {
    const fields =
      kind === 'list'
        ? ['audience.lists', 'audience.excludedLists']
        : ['audience.segment', 'audience.excludedSegments']
    const { docs } = await req.payload.find({
      collection: pluginOptionsOf(req.payload).slugs.campaigns as CollectionSlug,
      depth: 0,
      limit: 5,
      pagination: false,
      req,
      where: {
        and: [
          { status: { in: inUse } },
          { or: fields.map((field) => ({ [field]: { in: [id] } })) },
        ],
      },
    })
    if (docs.length === 0) return
    const names = docs
      .map(
        (doc) =>
          `"${String((doc as { name?: string }).name ?? doc.id)}" (${String((doc as { status?: string }).status)})`,
      )
      .join(', ')
    throw new APIError(
      `This ${kind} cannot be deleted: the campaign ${names} sends to it. Unschedule or cancel ${docs.length > 1 ? 'those campaigns' : 'that campaign'} first.`,
      409,
    )
  }
