import type { Block } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedEmailMarketingOptions } from '../../types.js'
import type { StepDefinition } from '../engine/stepTypes.js'

import { pluginOptionsOf } from '../../pluginContext.js'
import { rowsOf, tableOf } from '../../utilities/db.js'
import { conditionsField, contactMeetsConditions } from '../conditions.js'

const previousEmailEvent = async (
  payload: Parameters<StepDefinition['run']>[0]['payload'],
  messageId: number | undefined,
  event: 'clicked' | 'opened',
): Promise<boolean> => {
  if (!messageId) return false
  const messages = tableOf(payload, pluginOptionsOf(payload).slugs.messages)
  const column = event === 'opened' ? sql`events_opened_at` : sql`events_clicked_at`
  const rows = rowsOf<{ hit: boolean }>(
    await payload.db.drizzle.execute(
      sql`SELECT ${column} IS NOT NULL AS hit FROM ${messages} WHERE id = ${messageId}`,
    ),
  )
  return rows[0]?.hit ?? false
}

/** Branches on conditions or on whether the contact opened/clicked the email the enrollment sent last. */
export const ifElseStep = (
  options: SanitizedEmailMarketingOptions,
  branchBlocks: Block[],
  level = 0,
): StepDefinition => ({
  block: {
    slug: 'ifElse',
    dbName: ({ tableName }) => `${tableName}_if`,
    // Nested if/else blocks differ per level (their branches hold the next level), so GraphQL needs a name per level.
    graphQL: { singularName: `IfElse${level}` },
    fields: [
      {
        name: 'test',
        type: 'select',
        defaultValue: 'conditions',
        options: [
          { label: 'Contact matches conditions', value: 'conditions' },
          { label: 'Opened the previous email', value: 'openedPrevious' },
          { label: 'Clicked the previous email', value: 'clickedPrevious' },
        ],
      },
      conditionsField(
        options,
        'conditions',
        'Conditions',
        `enum_em_auto_if${level}`,
        (_, step) => step?.test === 'conditions',
      ),
      { name: 'yes', type: 'blocks', blocks: branchBlocks, label: 'Yes' },
      { name: 'no', type: 'blocks', blocks: branchBlocks, label: 'No' },
    ],
    labels: { plural: 'If / else', singular: 'If / else' },
  },
  run: async ({ contact, enrollment, now, payload, step }) => {
    const holds =
      step.test === 'openedPrevious' || step.test === 'clickedPrevious'
        ? await previousEmailEvent(
            payload,
            enrollment.state.previousMessageId,
            step.test === 'openedPrevious' ? 'opened' : 'clicked',
          )
        : await contactMeetsConditions(payload, contact, step.conditions as never, {
            messageId: enrollment.state.previousMessageId,
            now,
          })
    return { branch: holds ? 'yes' : 'no', kind: 'branch', outcome: holds ? 'yes' : 'no' }
  },
})
