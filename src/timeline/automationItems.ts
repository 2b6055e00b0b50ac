import type { Payload } from 'payload'

import type { TimelineItem } from './timelineTypes.js'

import { pluginOptionsOf } from '../pluginContext.js'

type HistoryEntry = Record<string, unknown>

const firstString = (entry: HistoryEntry, keys: string[]): null | string => {
  for (const key of keys) if (typeof entry[key] === 'string' && entry[key]) return entry[key] as string
  return null
}

const titleOf = (automation: unknown): { id: null | number; name: string } =>
  automation && typeof automation === 'object'
    ? { id: Number((automation as { id: unknown }).id), name: String((automation as { name?: unknown }).name ?? `Automation ${(automation as { id: unknown }).id}`) }
    : { id: typeof automation === 'number' ? automation : null, name: `Automation ${String(automation)}` }

/**
 * Steps the contact went through, from the `history` of their enrollments, when the automations
 * feature's enrollments collection is installed. Read through the Local API: a contact has few
 * enrollments, and this keeps the timeline independent of how the engine stores its history.
 */
export const automationItems = async (payload: Payload, contactId: number, limit: number): Promise<TimelineItem[]> => {
  const slug = pluginOptionsOf(payload).slugs.enrollments
  const collection = payload.collections[slug as keyof typeof payload.collections]
  if (!collection || !collection.config.flattenedFields.some((field) => field.name === 'history')) return []
  const { docs } = await payload.find({
    collection: slug as 'users',
    depth: 1,
    limit: 200,
    pagination: false,
    sort: '-updatedAt',
    where: { contact: { equals: contactId } },
  })
  const items = (docs as unknown as { automation?: unknown; history?: HistoryEntry[] }[]).flatMap((enrollment) => {
    const automation = titleOf(enrollment.automation)
    return (enrollment.history ?? []).flatMap((entry) => {
      const at = firstString(entry, ['at', 'occurredAt', 'createdAt'])
      if (!at) return []
      return [
        {
          at: new Date(at).toISOString(),
          automation: automation.name,
          automationId: automation.id,
          detail: firstString(entry, ['outcome', 'detail', 'result', 'message']),
          step: firstString(entry, ['stepType', 'step', 'type', 'path']) ?? 'step',
          type: 'automation' as const,
        },
      ]
    })
  })
  return items.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit)
}
