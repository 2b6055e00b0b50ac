import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SQL } from '../utilities/db.js'
import type { CompileScope } from './compileScope.js'

import {
  compileAttribute,
  compileContactField,
  compileCreatedAt,
} from './compileContactCondition.js'
import { compileEngagement, compileListStatus, compileTag } from './compileRelationCondition.js'
import {
  type ConditionContext,
  type ConditionType,
  type MatchMode,
  operatorsByType,
  type SegmentCondition,
  SegmentConditionError,
} from './conditionTypes.js'
import { ruleTreeOf } from './ruleTree.js'
import { segmentTablesOf } from './segmentTables.js'

export interface CompileConditionsOptions {
  /** SQL alias of the contacts table in the surrounding query. @default 'c' */
  contactAlias?: string
  context?: ConditionContext
}

const compilers: Record<
  ConditionType,
  (condition: SegmentCondition, path: string, scope: CompileScope) => SQL
> = {
  attribute: compileAttribute,
  contactField: compileContactField,
  createdAt: compileCreatedAt,
  engagement: compileEngagement,
  listStatus: compileListStatus,
  tag: compileTag,
}

const compileCondition = (condition: SegmentCondition, path: string, scope: CompileScope): SQL => {
  const type = condition.type
  if (!type || !Object.hasOwn(compilers, type))
    throw new SegmentConditionError('choose what the condition looks at.', path, 'type')
  const allowed: readonly string[] = operatorsByType[type]
  if (!condition.operator || !allowed.includes(condition.operator)) {
    throw new SegmentConditionError('choose an operator.', path, 'operator')
  }
  return compilers[type](condition, path, scope)
}

const join = (parts: SQL[], match: MatchMode | null | undefined): SQL =>
  parts.length === 1
    ? parts[0]
    : sql`(${sql.join(parts, match === 'any' ? sql` OR ` : sql` AND `)})`

/**
 * Compiles a rule tree to ONE boolean SQL expression over the contacts row aliased `contactAlias`.
 * Every value is a bound parameter and every column comes from an allow-list; the expression is
 * never NULL, so callers may negate it. Groups without conditions are ignored, and a tree without
 * any condition matches every contact (`TRUE`). Throws `SegmentConditionError` naming the
 * offending condition (`groups.0.conditions.1`) when a rule is incomplete.
 */
export const compileConditions = (
  payload: Payload,
  conditions: unknown,
  { contactAlias = 'c', context = {} }: CompileConditionsOptions = {},
): SQL => {
  if (!/^[a-z_][a-z0-9_]*$/i.test(contactAlias))
    throw new Error(`compileConditions: "${contactAlias}" is not a valid SQL alias.`)
  const scope: CompileScope = {
    contact: sql`${sql.identifier(contactAlias)}`,
    messageId: context.messageId,
    now: context.now ? sql`${context.now.toISOString()}::timestamptz` : sql`now()`,
    tables: segmentTablesOf(payload),
  }
  const tree = ruleTreeOf(conditions)
  const groups = (tree.groups ?? []).flatMap((group, g) => {
    const parts = (group.conditions ?? []).map((condition, i) =>
      compileCondition(condition, `groups.${g}.conditions.${i}`, scope),
    )
    return parts.length ? [join(parts, group.match)] : []
  })
  return groups.length ? join(groups, tree.match) : sql`TRUE`
}

/** Throws `SegmentConditionError` when a rule tree cannot be compiled; returns nothing otherwise. */
export const validateConditions = (payload: Payload, conditions: unknown): void => {
  compileConditions(payload, conditions)
}
