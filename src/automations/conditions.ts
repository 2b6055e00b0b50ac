import type { Field, Payload } from 'payload'

import type { SegmentConditions } from '../segments/conditionTypes.js'
import type { SanitizedEmailMarketingOptions } from '../types.js'

import { conditionGroupFields } from '../segments/conditionGroupFields.js'
import { contactMatchesConditions } from '../segments/segmentQueries.js'

export type AutomationConditions = null | SegmentConditions | undefined

/**
 * The segment rule builder as a named group (if/else, goals, exits, wait-until). Each use needs
 * its own enum prefix, because the selects become Postgres enums.
 */
export const conditionsField = (
  options: SanitizedEmailMarketingOptions,
  name: string,
  label: string,
  enumPrefix: string,
  condition?: (data: unknown, sibling: Record<string, unknown>) => boolean,
): Field => ({
  name,
  admin: condition ? { condition } : undefined,
  type: 'group',
  fields: conditionGroupFields(options, { enumPrefix }),
  label,
})

export type ConditionContact = Record<string, unknown> & { id: number }

/** Whether a rule tree has any rule at all (an empty one means "no condition set"). */
export const hasConditions = (conditions: AutomationConditions): conditions is SegmentConditions =>
  Boolean(conditions?.groups?.some((group) => group.conditions?.length))

/**
 * Whether the contact matches the rules (segment semantics); `messageId` is the run's previous
 * email, for "opened/clicked the message" rules without an id. No rules: true.
 */
export const contactMeetsConditions = async (
  payload: Payload,
  contact: { id: number },
  conditions: AutomationConditions,
  context: { messageId?: number; now?: Date } = {},
): Promise<boolean> =>
  hasConditions(conditions)
    ? contactMatchesConditions(payload, contact.id, conditions, context)
    : true
