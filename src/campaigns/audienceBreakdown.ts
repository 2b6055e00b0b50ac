import type { Payload } from 'payload'

import { pluginOptionsOf } from '../pluginContext.js'
import { findByIds } from '../utilities/findByIds.js'
import { type Audience, countAudience } from './audience.js'

export type AudiencePart = { contacts: number; id: number; name: string }

/** Who a campaign reaches and why: each list and the segment alone, and how many each exclusion removes. */
export type AudienceBreakdown = {
  excludedLists: AudiencePart[]
  excludedSegments: AudiencePart[]
  lists: AudiencePart[]
  /** Contacts on the chosen lists (and in the segment), before exclusions. */
  matching: number
  recipients: number
  segment: AudiencePart | null
}

const noExclusions = { excludedLists: [], excludedSegments: [] }

const namesOf = async (
  payload: Payload,
  collection: string,
  ids: number[],
): Promise<Map<number, string>> => {
  const docs = await findByIds<{ id: number; name?: string }>(payload, collection, ids)
  return new Map([...docs].map(([id, doc]) => [id, doc.name ?? '']))
}

/**
 * The counts the review step shows. Lists count their active subscribers, the segment its active
 * matching contacts; an exclusion counts the contacts it takes out of the chosen lists/segment.
 * Overlaps make the parts add up to more than the total, which the total states.
 */
export const audienceBreakdown = async (
  payload: Payload,
  audience: Audience,
): Promise<AudienceBreakdown> => {
  const { slugs } = pluginOptionsOf(payload)
  const listNames = await namesOf(payload, slugs.lists, [
    ...audience.lists,
    ...audience.excludedLists,
  ])
  const segmentIds = [
    ...(audience.segment === null ? [] : [audience.segment]),
    ...audience.excludedSegments,
  ]
  const segmentNames = await namesOf(payload, slugs.segments, segmentIds)
  const included: Audience = { ...audience, ...noExclusions }
  const matching = await countAudience(payload, included)
  const part = (names: Map<number, string>, id: number, contacts: number): AudiencePart => ({
    contacts,
    id,
    name: names.get(id) || `#${id}`,
  })
  const lists: AudiencePart[] = []
  for (const id of audience.lists)
    lists.push(
      part(
        listNames,
        id,
        await countAudience(payload, { ...noExclusions, lists: [id], segment: null }),
      ),
    )
  const segment =
    audience.segment === null
      ? null
      : part(
          segmentNames,
          audience.segment,
          await countAudience(payload, { ...noExclusions, lists: [], segment: audience.segment }),
        )
  const excludedLists: AudiencePart[] = []
  for (const id of audience.excludedLists)
    excludedLists.push(
      part(
        listNames,
        id,
        matching - (await countAudience(payload, { ...included, excludedLists: [id] })),
      ),
    )
  const excludedSegments: AudiencePart[] = []
  for (const id of audience.excludedSegments)
    excludedSegments.push(
      part(
        segmentNames,
        id,
        matching - (await countAudience(payload, { ...included, excludedSegments: [id] })),
      ),
    )
  return {
    excludedLists,
    excludedSegments,
    lists,
    matching,
    recipients: await countAudience(payload, audience),
    segment,
  }
}
