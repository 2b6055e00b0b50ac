import { describeStep, describeTrigger, relatedIds, rowsOf } from './describeFlow'

const names = {
  lists: { '4': 'Newsletter' },
  tags: { '7': 'vip' },
  transactionalTemplates: { '2': 'Order paid' },
}
const tagIsVip = {
  groups: [{ conditions: [{ operator: 'hasTag', tag: 7, type: 'tag' }], match: 'all' }],
  match: 'all',
}

describe('flow view text', () => {
  it('describes steps in human words', () => {
    expect(describeStep({ amount: 1, blockType: 'wait', mode: 'duration', unit: 'days' })).toBe(
      'Wait 1 day',
    )
    expect(describeStep({ amount: 3, blockType: 'wait', unit: 'hours' })).toBe('Wait 3 hours')
    expect(
      describeStep({
        blockType: 'wait',
        mode: 'untilWeekday',
        timeOfDay: '09:30',
        timeZone: 'Europe/Berlin',
        weekdays: ['1', '3'],
      }),
    ).toBe('Wait until Mon, Wed 09:30 Europe/Berlin')
    expect(
      describeStep({ blockType: 'ifElse', conditions: tagIsVip, test: 'conditions' }, names),
    ).toBe('If tag is vip')
    expect(describeStep({ blockType: 'ifElse', test: 'openedPrevious' })).toBe(
      'If opened the previous email',
    )
    expect(describeStep({ blockType: 'ifElse', conditions: { groups: 0 } })).toBe(
      'If no conditions set',
    )
    expect(describeStep({ blockType: 'sendEmail', mode: 'marketing', subject: 'Hi' })).toBe(
      'Send email "Hi"',
    )
    expect(
      describeStep(
        { blockType: 'sendEmail', mode: 'transactionalTemplate', transactionalTemplate: 2 },
        names,
      ),
    ).toBe('Send transactional template "Order paid"')
    expect(describeStep({ blockType: 'addTag', tag: 9 }, names)).toBe('Add tag tag #9')
    expect(describeStep({ blockType: 'webhook', url: 'https://hooks.example.com/x' })).toBe(
      'Call webhook hooks.example.com',
    )
  })

  it('describes triggers and combined conditions', () => {
    expect(describeTrigger({ blockType: 'listSubscribed', list: 4 }, names)).toBe(
      'Subscribed to Newsletter',
    )
    expect(describeTrigger({ blockType: 'tagAdded', tag: 7 }, names)).toBe('Tag vip added')
    expect(
      describeTrigger({
        blockType: 'dateBased',
        field: 'attributes.birthday',
        mode: 'anniversary',
        timeOfDay: '09:00',
        timeZone: 'Europe/Paris',
      }),
    ).toBe('Anniversary of attributes.birthday at 09:00 Europe/Paris')
    const twoGroups = {
      groups: [
        {
          conditions: [
            { operator: 'hasTag', tag: 7, type: 'tag' },
            { list: 4, operator: 'subscribed', type: 'listStatus' },
          ],
          match: 'any',
        },
        {
          conditions: [
            { field: 'firstName', operator: 'equals', type: 'contactField', value: 'Ada' },
          ],
          match: 'all',
        },
      ],
      match: 'all',
    }
    expect(describeStep({ blockType: 'ifElse', conditions: twoGroups }, names)).toBe(
      'If (tag is vip or is subscribed to Newsletter) and first name equals "Ada"',
    )
  })

  it('treats row counts (an empty blocks field in form state) as empty lists and collects related ids', () => {
    expect(rowsOf(0)).toEqual([])
    expect(
      relatedIds([
        [{ blockType: 'tagAdded', tag: 7 }],
        [
          {
            blockType: 'ifElse',
            conditions: tagIsVip,
            no: 0,
            yes: [{ blockType: 'subscribeList', list: 4 }],
          },
        ],
      ]),
    ).toEqual({ automations: [], lists: ['4'], tags: ['7'], transactionalTemplates: [] })
  })
})
