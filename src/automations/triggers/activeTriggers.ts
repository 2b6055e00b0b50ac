import type { CollectionSlug, Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf, tableOf } from '../../utilities/db.js'

export type TriggerBlock = Record<string, unknown> & { blockType: string; id?: string }

export type ActiveAutomation = { id: number; triggers: TriggerBlock[] }

/** The active automations' triggers as this process last loaded them. */
export type ActiveTriggers = {
  automations: ActiveAutomation[]
  /** Date-trigger scans this process knows are done: trigger block id → local day. */
  scannedDays: Map<string, string>
  version: string
}

const caches = new WeakMap<Payload, ActiveTriggers>()

/** Drops this process's copy (the automations collection's hooks call it on every change). */
export const forgetActiveTriggers = (payload: Payload): void => {
  caches.delete(payload)
}

/**
 * The active automations' triggers, cached per process. One small statement per call (the
 * automations table's row count and latest `updated_at`) tells whether any process changed an
 * automation since; only then are the automations loaded again through the Local API.
 */
export const activeTriggers = async (payload: Payload): Promise<ActiveTriggers> => {
  const { slugs } = pluginOptionsOf(payload)
  const [{ version }] = rowsOf<{ version: string }>(
    await payload.db.drizzle.execute(
      sql`SELECT count(*) || ':' || COALESCE(max(updated_at)::text, '') AS version FROM ${tableOf(payload, slugs.automations)}`,
    ),
  )
  const cached = caches.get(payload)
  if (cached?.version === version) return cached
  const { docs } = await payload.find({
    collection: slugs.automations as CollectionSlug,
    depth: 0,
    pagination: false,
    select: { triggers: true } as never,
    where: { status: { equals: 'active' } },
  })
  const loaded: ActiveTriggers = {
    automations: (docs as unknown as { id: number; triggers?: TriggerBlock[] }[]).map((doc) => ({
      id: doc.id,
      triggers: doc.triggers ?? [],
    })),
    scannedDays: new Map(),
    version,
  }
  caches.set(payload, loaded)
  return loaded
}
