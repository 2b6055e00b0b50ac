import {
  addDays,
  anniversaryMatches,
  anniversaryMonthDays,
  instantAt,
  isTimeZone,
  localDateIn,
  nextLocalTime,
  weekdayOf,
} from './zonedTime'

const iso = (date: Date) => date.toISOString()

describe('instantAt', () => {
  it('01:30 Europe/Berlin on both 2025 transition days (before the 02:00 change, so unambiguous)', () => {
    // 30 March: still CET (UTC+1) at 01:30; the clocks jump 02:00 -> 03:00.
    expect(iso(instantAt('Europe/Berlin', '2025-03-30', '01:30'))).toBe('2025-03-30T00:30:00.000Z')
    // 26 October: still CEST (UTC+2) at 01:30; the clocks fall back 03:00 -> 02:00.
    expect(iso(instantAt('Europe/Berlin', '2025-10-26', '01:30'))).toBe('2025-10-25T23:30:00.000Z')
  })

  it('a time in the spring-forward gap moves forward by the gap', () => {
    // 02:30 does not exist in New York on 9 March 2025: 03:30 EDT.
    expect(iso(instantAt('America/New_York', '2025-03-09', '02:30'))).toBe(
      '2025-03-09T07:30:00.000Z',
    )
    expect(iso(instantAt('Europe/Berlin', '2025-03-30', '02:30'))).toBe('2025-03-30T01:30:00.000Z')
  })

  it('a time in the fall-back overlap is its first occurrence', () => {
    // 02:30 on 2 November 2025 happens once in New York (EST, after the 02:00 -> 01:00 change).
    expect(iso(instantAt('America/New_York', '2025-11-02', '02:30'))).toBe(
      '2025-11-02T07:30:00.000Z',
    )
    // 01:30 happens twice (EDT, then EST): the first one.
    expect(iso(instantAt('America/New_York', '2025-11-02', '01:30'))).toBe(
      '2025-11-02T05:30:00.000Z',
    )
    // 02:30 happens twice in Berlin on 26 October 2025 (CEST, then CET): the first one.
    expect(iso(instantAt('Europe/Berlin', '2025-10-26', '02:30'))).toBe('2025-10-26T00:30:00.000Z')
  })

  it('ordinary days and UTC', () => {
    expect(iso(instantAt('America/New_York', '2030-01-09', '09:00'))).toBe(
      '2030-01-09T14:00:00.000Z',
    )
    expect(iso(instantAt('UTC', '2025-06-01', '00:00'))).toBe('2025-06-01T00:00:00.000Z')
  })

  it('rejects unknown zones, dates and times with a clear message', () => {
    expect(() => instantAt('Mars/Olympus', '2025-01-01', '09:00')).toThrow(
      'Unknown time zone "Mars/Olympus"',
    )
    expect(() => instantAt('UTC', '2025-02-29', '09:00')).toThrow('not a calendar date')
    expect(() => instantAt('UTC', '2025-01-01', '24:00')).toThrow('not a time of day')
    expect(isTimeZone('Europe/Berlin')).toBe(true)
    expect(isTimeZone('Europe/Nowhere')).toBe(false)
  })
})

describe('local dates', () => {
  it('localDateIn, addDays and weekdayOf follow the calendar, not 24-hour steps', () => {
    expect(localDateIn('America/New_York', new Date('2025-03-10T03:00:00Z'))).toBe('2025-03-09')
    expect(localDateIn('Asia/Tokyo', new Date('2025-03-09T20:00:00Z'))).toBe('2025-03-10')
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01')
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(weekdayOf('2025-03-30')).toBe(0)
    expect(weekdayOf('2030-01-09')).toBe(3)
  })
})

describe('nextLocalTime', () => {
  it('does not skip the 23-hour day of a spring-forward change', () => {
    // 23:30 CET on Saturday 29 March; 24 hours later is already Monday 00:30 CEST.
    const now = new Date('2025-03-29T22:30:00Z')
    expect(iso(nextLocalTime(now, { time: '23:45', zone: 'Europe/Berlin' }))).toBe(
      '2025-03-29T22:45:00.000Z',
    )
    expect(iso(nextLocalTime(now, { time: '01:30', zone: 'Europe/Berlin' }))).toBe(
      '2025-03-30T00:30:00.000Z',
    )
    expect(iso(nextLocalTime(now, { time: '23:00', weekdays: [0], zone: 'Europe/Berlin' }))).toBe(
      '2025-03-30T21:00:00.000Z',
    )
  })

  it('is strictly after now and honours weekdays', () => {
    const now = new Date('2030-01-07T14:00:00Z') // Monday 09:00 in New York
    expect(iso(nextLocalTime(now, { time: '09:00', zone: 'America/New_York' }))).toBe(
      '2030-01-08T14:00:00.000Z',
    )
    expect(
      iso(nextLocalTime(now, { time: '09:00', weekdays: [1], zone: 'America/New_York' })),
    ).toBe('2030-01-14T14:00:00.000Z')
  })
})

describe('anniversaries', () => {
  it('a 29 February date has its anniversary on 28 February in other years', () => {
    expect(anniversaryMonthDays('2025-02-28')).toEqual(['02-28', '02-29'])
    expect(anniversaryMonthDays('2028-02-28')).toEqual(['02-28'])
    expect(anniversaryMonthDays('2028-02-29')).toEqual(['02-29'])
    expect(anniversaryMatches('2000-02-29', '2025-02-28')).toBe(true)
    expect(anniversaryMatches('2000-02-29', '2025-03-01')).toBe(false)
    expect(anniversaryMatches('2000-02-29', '2028-02-28')).toBe(false)
    expect(anniversaryMatches('2000-02-29', '2028-02-29')).toBe(true)
    expect(anniversaryMatches('03-15', '2031-03-15')).toBe(true)
  })
})
