import type { CollectionSlug, Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { lexicalParagraphs } from '../../dev/lexicalParagraphs'
import { automationTick } from '../../src/index'
import { consumeEvents } from '../../src/automations/engine/consumeEvents'
import { activeTriggers } from '../../src/automations/triggers/activeTriggers'
import { rowsOf } from '../../src/utilities/db'
import { enrollmentHistory, slugs, tables } from '../helpers/slugs'

export const day = 86_400_000

/** A Lexical document with one paragraph per line. */
export const lexical = lexicalParagraphs

export const email = (subject: string) => ({
  blockType: 'sendEmail',
  body: lexical(`Hi {{ contact.firstName | default: "there" }}, ${subject}`),
  mode: 'marketing',
  subject,
})
export const wait = (amount: number, unit = 'days') => ({
  amount,
  blockType: 'wait',
  mode: 'duration',
  unit,
})

/** Rule tree in the segment format: all of these conditions. */
export const all = (...conditions: Record<string, unknown>[]) => ({
  groups: [{ conditions, match: 'all' }],
  match: 'all',
})
export const hasTag = (tag: number) => all({ operator: 'hasTag', tag, type: 'tag' })

export type AutomationInput = {
  exitConditions?: unknown
  key?: string
  name?: string
  reentry?: { days?: number; rule: 'afterDays' | 'everyTime' | 'once' }
  status?: 'active' | 'draft' | 'paused'
  steps: Record<string, unknown>[]
  triggers?: Record<string, unknown>[]
}

export const createAutomation = async (
  payload: Payload,
  input: AutomationInput,
): Promise<{ id: number }> =>
  (await payload.create({
    collection: slugs.automations as CollectionSlug,
    data: { name: input.name ?? 'Test automation', status: 'active', ...input } as never,
  })) as unknown as { id: number }

export const createContact = async (
  payload: Payload,
  address: string,
  data: Record<string, unknown> = {},
) =>
  (await payload.create({
    collection: slugs.contacts as CollectionSlug,
    data: { email: address, ...data } as never,
  })) as unknown as { id: number }

export const createList = async (payload: Payload, name: string) =>
  (await payload.create({
    collection: slugs.lists as CollectionSlug,
    data: { name } as never,
  })) as unknown as { id: number }

export const createTag = async (payload: Payload, name: string) =>
  (await payload.create({
    collection: slugs.tags as CollectionSlug,
    data: { name } as never,
  })) as unknown as { id: number }

export const subscribe = (payload: Payload, contact: number, list: number) =>
  payload.create({
    collection: slugs.subscriptions as CollectionSlug,
    data: { contact, list, status: 'subscribed' } as never,
  })

export type EnrollmentRow = {
  contact_id: number
  id: number
  next_run_at: null | string
  state: Record<string, unknown>
  status: string
  step_path: null | string
}

/** Lets the engine consume the trigger events recorded so far (what its next tick does first). */
export const consumeTriggerEvents = async (payload: Payload, now = new Date()) =>
  consumeEvents(payload, { budgetMs: 60_000, now, triggers: await activeTriggers(payload) })

/** The automation's enrollments, after the engine consumed the trigger events recorded so far. */
export const enrollmentsOf = async (
  payload: Payload,
  automationId: number,
): Promise<EnrollmentRow[]> => {
  await consumeTriggerEvents(payload)
  return rowsOf<EnrollmentRow>(
    await payload.db.drizzle.execute(
      sql`SELECT id, contact_id, status::text, step_path, next_run_at, state FROM ${tables.enrollments} WHERE automation_id = ${automationId} ORDER BY id`,
    ),
  )
}

export const historyOf = async (payload: Payload, enrollmentId: number) =>
  rowsOf<{ outcome: string; step: string; step_type: string }>(
    await payload.db.drizzle.execute(
      sql`SELECT step, step_type, outcome FROM ${enrollmentHistory} WHERE _parent_id = ${enrollmentId} ORDER BY _order`,
    ),
  )

export const messagesTo = async (payload: Payload, address: string) =>
  rowsOf<{ dedupe_key: string; html: string; id: number; kind: string; subject: string }>(
    await payload.db.drizzle.execute(
      sql`SELECT id, kind::text, subject, dedupe_key, html FROM ${tables.messages} WHERE to_address = ${address} ORDER BY id`,
    ),
  )

/** Runs engine ticks at `now` until nothing is due. */
export const tickAt = async (payload: Payload, now: Date) => {
  let steps = 0
  for (let i = 0; i < 10; i += 1) {
    const result = await automationTick(payload, { now })
    steps += result.steps
    if (result.claimed === 0) break
  }
  return steps
}
