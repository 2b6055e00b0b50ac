import { readableStep, readableStepType, withLocalTimes } from './readableStep'

describe('readable timeline wording', () => {
  it('counts steps from 1 and names branches', () => {
    expect(readableStep('0')).toBe('1')
    expect(readableStep('2.yes.0')).toBe('3, yes branch, 1')
  })

  it('turns step types into words', () => {
    expect(readableStepType('sendEmail')).toBe('Send email')
    expect(readableStepType('wait')).toBe('Wait')
  })

  it('shows ISO times in local time', () => {
    const iso = '2026-12-03T13:53:54.004Z'
    expect(withLocalTimes(`waiting until ${iso}`)).toBe(
      `waiting until ${new Date(iso).toLocaleString()}`,
    )
    expect(withLocalTimes('waiting until')).not.toContain('T13:')
  })
})
