import { completeRulesOf } from './ruleGaps'

const group = (...conditions: unknown[]) => ({ conditions, match: 'all' })

describe('the rules the builder may count', () => {
  it('keeps finished rules and names each unfinished one with the field to fill', () => {
    const { gaps, rules } = completeRulesOf({
      groups: [
        group(
          { field: 'email', operator: 'contains', type: 'contactField', value: '@example.com' },
          { type: 'contactField' },
          { operator: 'hasTag', type: 'tag' },
        ),
        group(
          { operator: 'openedCampaign', type: 'engagement' },
          { operator: 'hasTag', tag: 3, type: 'tag' },
        ),
      ],
      match: 'any',
    })
    expect(rules).toEqual({
      groups: [
        group({
          field: 'email',
          operator: 'contains',
          type: 'contactField',
          value: '@example.com',
        }),
        group({ operator: 'hasTag', tag: 3, type: 'tag' }),
      ],
      match: 'any',
    })
    expect(gaps).toEqual([
      {
        field: 'operator',
        message: 'Group 1, rule 2: choose an operator.',
        path: 'groups.0.conditions.1',
      },
      { field: 'tag', message: 'Group 1, rule 3: choose a tag.', path: 'groups.0.conditions.2' },
      {
        field: 'campaignId',
        message: 'Group 2, rule 1: choose a campaign.',
        path: 'groups.1.conditions.0',
      },
    ])
  })

  it.each([
    [{ operator: 'equals', type: 'contactField', value: 'x' }, 'field', 'choose a contact field.'],
    [
      { attribute: ' ', operator: 'isEmpty', type: 'attribute' },
      'attribute',
      'give the attribute name.',
    ],
    [
      { attribute: 'age', operator: 'greaterThan', type: 'attribute', value: 'ten' },
      'value',
      'the value must be a number.',
    ],
    [{ operator: 'before', type: 'createdAt' }, 'date', 'choose a date.'],
    [
      { days: 1.5, operator: 'withinLastDays', type: 'createdAt' },
      'days',
      'enter a whole number of days.',
    ],
    [{ operator: 'subscribed', type: 'listStatus' }, 'list', 'choose a list.'],
    [{ operator: 'hasTag', type: 'listStatus' }, 'operator', 'choose an operator.'],
    [{ operator: 'openedMessage', type: 'engagement' }, 'messageId', 'choose a message.'],
  ])('flags %j at its %s field', (condition, field, reason) => {
    const { gaps, rules } = completeRulesOf({ groups: [group(condition)] })
    expect(gaps).toEqual([
      { field, message: `Group 1, rule 1: ${reason}`, path: 'groups.0.conditions.0' },
    ])
    expect(rules.groups).toEqual([group()])
  })

  it('reads the form state, where a list without rows is a row count', () => {
    expect(completeRulesOf({ groups: 0, match: undefined })).toEqual({
      gaps: [],
      rules: { groups: [], match: 'all' },
    })
    expect(completeRulesOf({ groups: [{ conditions: 0 }] }).rules.groups).toEqual([
      { conditions: [], match: 'all' },
    ])
  })

  it('counts nothing from a tree of the wrong shape, and says why', () => {
    expect(completeRulesOf({ groups: 'all of them' })).toEqual({
      gaps: [{ field: undefined, message: 'The rules: groups must be a list.', path: 'groups' }],
      rules: { groups: [], match: 'all' },
    })
  })
})
