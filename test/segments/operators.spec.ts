import { sql } from '@payloadcms/db-postgres'

import type { SegmentCondition, SegmentConditions } from '../../src/segments/conditionTypes'

import { compileConditions } from '../../src/segments/compileConditions'
import {
  contactMatchesConditions,
  countSegment,
  segmentContactsQuery,
} from '../../src/segments/segmentQueries'
import { SegmentConditionError } from '../../src/segments/conditionTypes'
import { rowsOf } from '../../src/utilities/db'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { seedSegmentFixture, type SegmentFixture } from './segmentFixture'
import { tables } from '../helpers/slugs'

let app: TestPayload
let fx: SegmentFixture

beforeAll(async () => {
  app = await bootTestPayload({ name: 'segment-operators' })
  fx = await seedSegmentFixture(app.payload)
})

afterAll(async () => {
  await app?.shutdown()
})

const one = (condition: SegmentCondition): SegmentConditions => ({
  groups: [{ conditions: [condition], match: 'all' }],
  match: 'all',
})

const membersOf = async (rules: SegmentConditions, context?: { messageId?: number }) => {
  const rows = rowsOf<{ id: number }>(
    await app.payload.db.drizzle.execute(await segmentContactsQuery(app.payload, rules, context)),
  )
  return rows.map((row) => fx.nameOf(row.id)).sort()
}

type Case = [string, () => SegmentCondition, string[]]

const field = (
  f: SegmentCondition['field'],
  operator: SegmentCondition['operator'],
  value?: string,
): SegmentCondition => ({ field: f, operator, type: 'contactField', value })
const attr = (
  attribute: string,
  operator: SegmentCondition['operator'],
  extra: Partial<SegmentCondition> = {},
): SegmentCondition => ({
  attribute,
  operator,
  type: 'attribute',
  ...extra,
})

const cases: Case[] = [
  ['contact field equals (case-sensitive)', () => field('firstName', 'equals', 'Ann'), ['ann']],
  ['contact field equals with another case', () => field('firstName', 'equals', 'ann'), []],
  [
    'email equals ignores case (emails are stored lower-cased)',
    () => field('email', 'equals', 'ANN@Example.com'),
    ['ann'],
  ],
  [
    'contact field notEquals includes empty values',
    () => field('lastName', 'notEquals', 'Lee'),
    ['bob', 'cara', 'dan', 'eve'],
  ],
  ['contact field contains (case-insensitive)', () => field('company', 'contains', 'AC'), ['ann']],
  ['contains treats % literally', () => field('lastName', 'contains', '%'), ['cara']],
  [
    'contact field notContains includes empty values',
    () => field('company', 'notContains', 'ac'),
    ['bob', 'cara', 'dan', 'eve'],
  ],
  ['contact field startsWith', () => field('firstName', 'startsWith', 'ev'), ['eve']],
  [
    'contact field isEmpty (null or empty string)',
    () => field('company', 'isEmpty'),
    ['cara', 'dan', 'eve'],
  ],
  ['contact field isNotEmpty', () => field('company', 'isNotEmpty'), ['ann', 'bob']],
  ['contact status equals', () => field('status', 'equals', 'unsubscribed'), ['bob']],
  ['attribute equals', () => attr('plan', 'equals', { value: 'pro' }), ['ann', 'eve']],
  ['attribute equals matches a JSON number', () => attr('age', 'equals', { value: '34' }), ['ann']],
  [
    'attribute equals matches a numeric string',
    () => attr('age', 'equals', { value: '19' }),
    ['bob'],
  ],
  [
    'attribute equals matches a JSON boolean',
    () => attr('vip', 'equals', { value: 'true' }),
    ['eve'],
  ],
  ['nested attribute equals', () => attr('address.city', 'equals', { value: 'Paris' }), ['ann']],
  [
    'attribute notEquals includes contacts without it',
    () => attr('plan', 'notEquals', { value: 'pro' }),
    ['bob', 'cara', 'dan'],
  ],
  [
    'attribute contains (case-insensitive)',
    () => attr('plan', 'contains', { value: 'PR' }),
    ['ann', 'cara', 'eve'],
  ],
  ['attribute notContains', () => attr('plan', 'notContains', { value: 'pr' }), ['bob', 'dan']],
  ['attribute startsWith', () => attr('plan', 'startsWith', { value: 'f' }), ['bob']],
  ['attribute isEmpty', () => attr('plan', 'isEmpty'), ['dan']],
  ['attribute isNotEmpty', () => attr('plan', 'isNotEmpty'), ['ann', 'bob', 'cara', 'eve']],
  [
    'attribute greaterThan compares numbers, skipping non-numbers',
    () => attr('age', 'greaterThan', { value: '30' }),
    ['ann', 'cara'],
  ],
  ['attribute lessThan', () => attr('age', 'lessThan', { value: '30' }), ['bob']],
  [
    'attribute date before',
    () => attr('signup', 'before', { date: '2024-01-01T12:00:00.000Z' }),
    ['bob'],
  ],
  [
    'attribute date after',
    () => attr('signup', 'after', { date: '2024-01-01T12:00:00.000Z' }),
    ['ann', 'cara'],
  ],
  ['attribute date withinLastDays', () => attr('signup', 'withinLastDays', { days: 30 }), ['cara']],
  [
    'created before',
    () => ({ date: '2024-03-01T00:00:00.000Z', operator: 'before', type: 'createdAt' }),
    ['ann'],
  ],
  [
    'created after',
    () => ({ date: '2024-03-01T00:00:00.000Z', operator: 'after', type: 'createdAt' }),
    ['bob', 'cara', 'dan', 'eve'],
  ],
  [
    'created withinLastDays',
    () => ({ days: 7, operator: 'withinLastDays', type: 'createdAt' }),
    ['dan', 'eve'],
  ],
  ['hasTag', () => ({ operator: 'hasTag', tag: fx.tags.vip, type: 'tag' }), ['ann', 'bob']],
  [
    'notHasTag',
    () => ({ operator: 'notHasTag', tag: fx.tags.vip, type: 'tag' }),
    ['cara', 'dan', 'eve'],
  ],
  [
    'list subscribed',
    () => ({ list: fx.lists.a, operator: 'subscribed', type: 'listStatus' }),
    ['ann', 'eve'],
  ],
  [
    'list unsubscribed',
    () => ({ list: fx.lists.b, operator: 'unsubscribed', type: 'listStatus' }),
    ['ann'],
  ],
  ['list pending', () => ({ list: fx.lists.a, operator: 'pending', type: 'listStatus' }), ['bob']],
  [
    'list notSubscribed',
    () => ({ list: fx.lists.a, operator: 'notSubscribed', type: 'listStatus' }),
    ['bob', 'cara', 'dan'],
  ],
  [
    'opened a campaign',
    () => ({ campaignId: fx.campaigns.x, operator: 'openedCampaign', type: 'engagement' }),
    ['ann', 'bob'],
  ],
  [
    'clicked a campaign',
    () => ({ campaignId: fx.campaigns.x, operator: 'clickedCampaign', type: 'engagement' }),
    ['ann'],
  ],
  [
    'did not open a campaign',
    () => ({ campaignId: fx.campaigns.x, operator: 'notOpenedCampaign', type: 'engagement' }),
    ['cara', 'dan', 'eve'],
  ],
  [
    'did not click a campaign',
    () => ({ campaignId: fx.campaigns.x, operator: 'notClickedCampaign', type: 'engagement' }),
    ['bob', 'cara', 'dan', 'eve'],
  ],
  [
    'opened any email in the last N days',
    () => ({ days: 7, operator: 'openedAnyWithinDays', type: 'engagement' }),
    ['ann', 'eve'],
  ],
  [
    'clicked any email in the last N days',
    () => ({ days: 7, operator: 'clickedAnyWithinDays', type: 'engagement' }),
    ['ann'],
  ],
  [
    'opened a given message',
    () => ({ messageId: fx.messages.eveAutomation, operator: 'openedMessage', type: 'engagement' }),
    ['eve'],
  ],
  [
    'clicked a given message',
    () => ({ messageId: fx.messages.annX, operator: 'clickedMessage', type: 'engagement' }),
    ['ann'],
  ],
]

describe('each operator returns exactly the expected contacts', () => {
  it.each(cases)('%s', async (_, condition, expected) => {
    const rules = one(condition())
    expect(await membersOf(rules)).toEqual(expected)
    expect(await countSegment(app.payload, rules)).toBe(expected.length)
  })

  it('openedMessage without an id uses the message id of the context (the automation run)', async () => {
    const rules = one({ operator: 'openedMessage', type: 'engagement' })
    expect(await membersOf(rules, { messageId: fx.messages.bobX })).toEqual(['bob'])
    expect(
      await contactMatchesConditions(app.payload, fx.contacts.bob, rules, {
        messageId: fx.messages.bobX,
      }),
    ).toBe(true)
    expect(
      await contactMatchesConditions(app.payload, fx.contacts.ann, rules, {
        messageId: fx.messages.bobX,
      }),
    ).toBe(false)
  })
})

describe('groups', () => {
  const proPlan: SegmentCondition = {
    attribute: 'plan',
    operator: 'equals',
    type: 'attribute',
    value: 'pro',
  }
  const vipTag = (): SegmentCondition => ({ operator: 'hasTag', tag: fx.tags.vip, type: 'tag' })

  it('joins the conditions of a group with all', async () => {
    expect(
      await membersOf({
        groups: [{ conditions: [proPlan, vipTag()], match: 'all' }],
        match: 'all',
      }),
    ).toEqual(['ann'])
  })

  it('joins the conditions of a group with any', async () => {
    expect(
      await membersOf({
        groups: [{ conditions: [proPlan, vipTag()], match: 'any' }],
        match: 'all',
      }),
    ).toEqual(['ann', 'bob', 'eve'])
  })

  it('joins groups with any', async () => {
    const rules: SegmentConditions = {
      groups: [
        {
          conditions: [proPlan, { list: fx.lists.a, operator: 'subscribed', type: 'listStatus' }],
          match: 'all',
        },
        {
          conditions: [
            { operator: 'hasTag', tag: fx.tags.beta, type: 'tag' },
            { days: 30, operator: 'withinLastDays', type: 'createdAt' },
          ],
          match: 'all',
        },
      ],
      match: 'any',
    }
    expect(await membersOf(rules)).toEqual(['ann', 'cara', 'eve'])
  })

  it('joins groups with all', async () => {
    const rules: SegmentConditions = {
      groups: [
        {
          conditions: [vipTag(), { operator: 'hasTag', tag: fx.tags.beta, type: 'tag' }],
          match: 'any',
        },
        {
          conditions: [
            { field: 'status', operator: 'equals', type: 'contactField', value: 'active' },
          ],
          match: 'all',
        },
      ],
      match: 'all',
    }
    expect(await membersOf(rules)).toEqual(['ann', 'cara'])
  })

  it('matches every contact when there is no condition, and ignores empty groups', async () => {
    expect(await membersOf({ groups: [], match: 'all' })).toEqual([
      'ann',
      'bob',
      'cara',
      'dan',
      'eve',
    ])
    expect(
      await membersOf({
        groups: [
          { conditions: [], match: 'all' },
          { conditions: [proPlan], match: 'all' },
        ],
        match: 'any',
      }),
    ).toEqual(['ann', 'eve'])
  })

  it('compiles to an expression that is never NULL, so callers can negate it', async () => {
    const expression = compileConditions(
      app.payload,
      one({ field: 'lastName', operator: 'equals', type: 'contactField', value: 'Lee' }),
    )
    const rows = rowsOf<{ id: number }>(
      await app.payload.db.drizzle.execute(
        sql`SELECT c.id FROM ${tables.contacts} c WHERE NOT (${expression}) ORDER BY c.id`,
      ),
    )
    expect(rows.map((row) => fx.nameOf(row.id)).sort()).toEqual(['bob', 'cara', 'dan', 'eve'])
  })
})

describe('values are parameters', () => {
  const hostile = "x'); DROP TABLE contacts; --"

  it('a value with quotes and SQL matches literally and harms nothing', async () => {
    expect(
      await membersOf(
        one({ field: 'firstName', operator: 'equals', type: 'contactField', value: hostile }),
      ),
    ).toEqual([])
    expect(
      await membersOf(
        one({ field: 'firstName', operator: 'contains', type: 'contactField', value: "O'Hara" }),
      ),
    ).toEqual(['cara'])
    expect(
      await membersOf(
        one({ attribute: hostile, operator: 'contains', type: 'attribute', value: hostile }),
      ),
    ).toEqual([])
    expect(await countSegment(app.payload, { groups: [], match: 'all' })).toBe(5)
  })

  it('keeps values out of the SQL text', () => {
    const expression = compileConditions(
      app.payload,
      one({ attribute: hostile, operator: 'equals', type: 'attribute', value: hostile }),
    )
    const query = (
      app.payload.db.drizzle as unknown as {
        dialect: { sqlToQuery: (s: unknown) => { params: unknown[]; sql: string } }
      }
    ).dialect.sqlToQuery(expression)
    expect(query.sql).not.toContain('DROP')
    expect(JSON.stringify(query.params)).toContain('DROP TABLE')
  })

  it('refuses a field that is not on the allow-list, and an alias that is not an identifier', () => {
    expect(() =>
      compileConditions(
        app.payload,
        one({ field: 'password' as never, operator: 'equals', type: 'contactField', value: 'x' }),
      ),
    ).toThrow(SegmentConditionError)
    expect(() =>
      compileConditions(app.payload, { groups: [] }, { contactAlias: 'c; DROP' }),
    ).toThrow(/alias/)
  })
})

describe('incomplete rules', () => {
  it.each<[string, SegmentCondition, RegExp]>([
    ['a value', { field: 'firstName', operator: 'equals', type: 'contactField' }, /enter a value/],
    [
      'an operator that fits the type',
      { operator: 'hasTag', type: 'contactField', field: 'email' },
      /choose an operator/,
    ],
    [
      'a number for greaterThan',
      { attribute: 'age', operator: 'greaterThan', type: 'attribute', value: 'ten' },
      /number/,
    ],
    ['a tag', { operator: 'hasTag', type: 'tag' }, /choose a tag/],
    ['a campaign', { operator: 'openedCampaign', type: 'engagement' }, /choose a campaign/],
    ['a message id', { operator: 'clickedMessage', type: 'engagement' }, /message id/],
  ])('need %s, and the error names the condition', (_, condition, message) => {
    const rules: SegmentConditions = {
      groups: [
        { conditions: [], match: 'all' },
        { conditions: [{ ...condition }], match: 'all' },
      ],
    }
    expect(() => compileConditions(app.payload, rules)).toThrow(message)
    expect(() => compileConditions(app.payload, rules)).toThrow(/^Group 2, rule 1: /)
    const error = (() => {
      try {
        compileConditions(app.payload, rules)
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toMatchObject({ data: { path: 'groups.1.conditions.0' } })
  })
})
