import { DateTime, IANAZone } from 'luxon'

/**
 * Local dates and times in IANA time zones, through Luxon (which reads the zone rules from Intl).
 * Every place where a local time becomes an instant goes through here; nothing adds hours by hand.
 *
 * Rules for the two kinds of daylight-saving transitions:
 * - a local time that does not exist (in a spring-forward gap, e.g. 02:30 America/New_York on
 *   2025-03-09) moves forward by the length of the gap (03:30 EDT), as Luxon does;
 * - a local time that happens twice (in a fall-back overlap, e.g. 01:30 America/New_York on
 *   2025-11-02) is its first occurrence (01:30 EDT, the earlier instant).
 */

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/
const timePattern = /^([01]?\d|2[0-3]):([0-5]\d)$/

/** True for a time zone name Intl knows (an IANA name such as Europe/Berlin, or UTC). */
export const isTimeZone = (zone: unknown): zone is string =>
  typeof zone === 'string' && zone !== '' && IANAZone.isValidZone(zone)

const zoneOf = (zone: string): IANAZone => {
  if (!isTimeZone(zone)) throw new RangeError(`Unknown time zone "${zone}" (use an IANA name).`)
  return IANAZone.create(zone)
}

const parseDate = (date: string) => {
  const match = datePattern.exec(date)
  const parsed =
    match &&
    DateTime.fromObject(
      { day: Number(match[3]), month: Number(match[2]), year: Number(match[1]) },
      { zone: 'UTC' },
    )
  if (!parsed?.isValid) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD).`)
  return parsed
}

const parseTime = (time: string) => {
  const match = timePattern.exec(time)
  if (!match) throw new RangeError(`"${time}" is not a time of day (HH:MM, 00:00 to 23:59).`)
  return { hour: Number(match[1]), minute: Number(match[2]) }
}

/** True for "HH:MM" between 00:00 and 23:59. */
export const isTimeOfDay = (time: unknown): time is string =>
  typeof time === 'string' && timePattern.test(time)

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export const localDateIn = (zone: string, instant: Date): string =>
  DateTime.fromJSDate(instant, { zone: zoneOf(zone) }).toISODate() as string

/** The calendar date `days` after (or before, when negative) a date; no time zone involved. */
export const addDays = (date: string, days: number): string =>
  parseDate(date).plus({ days }).toISODate() as string

/** Day of the week of a calendar date, 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (date: string): number => parseDate(date).weekday % 7

/**
 * The instant at which the wall clock in `zone` shows `time` ("HH:MM") on `date` ("YYYY-MM-DD"),
 * with the gap and overlap rules above.
 */
export const instantAt = (zone: string, date: string, time: string): Date => {
  const tz = zoneOf(zone)
  const { day, month, year } = parseDate(date)
  const wall = { day, month, year, ...parseTime(time) }
  // Luxon resolves a gap forward; in an overlap it may pick either offset, so try both offsets
  // in force around that day and keep the earliest one that shows this wall time.
  const wallAsUtc = DateTime.fromObject(wall, { zone: 'UTC' }).toMillis()
  const offsets = new Set([-1, 1].map((side) => tz.offset(wallAsUtc + side * 86_400_000)))
  const occurrences = [...offsets]
    .map((offset) => DateTime.fromMillis(wallAsUtc - offset * 60_000, { zone: tz }))
    .filter((at) => at.hour === wall.hour && at.minute === wall.minute && at.day === wall.day)
    .map((at) => at.toMillis())
  if (occurrences.length > 0) return new Date(Math.min(...occurrences))
  return DateTime.fromObject(wall, { zone: tz }).toJSDate()
}

/**
 * The first instant strictly after `now` at `time` in `zone`, on one of `weekdays`
 * (0 = Sunday; any day when empty or missing).
 */
export const nextLocalTime = (
  now: Date,
  { time, weekdays, zone }: { time: string; weekdays?: number[]; zone: string },
): Date => {
  const today = localDateIn(zone, now)
  // Eight local days: today may already be past the time, and the same weekday comes back a week later.
  for (let days = 0; days <= 7; days += 1) {
    const date = addDays(today, days)
    if (weekdays?.length && !weekdays.includes(weekdayOf(date))) continue
    const candidate = instantAt(zone, date, time)
    if (candidate > now) return candidate
  }
  throw new RangeError(`No weekday matches ${JSON.stringify(weekdays)}.`)
}

/**
 * The month-days ("MM-DD") whose anniversary falls on `date`: its own, plus 02-29 on 28 February
 * of a year without 29 February (so a leap-day birthday is celebrated every year).
 */
export const anniversaryMonthDays = (date: string): string[] => {
  const parsed = parseDate(date)
  const own = date.slice(5)
  return own === '02-28' && !parsed.isInLeapYear ? [own, '02-29'] : [own]
}

/** True when a date ("YYYY-MM-DD…" or "MM-DD") has its anniversary on `date`. */
export const anniversaryMatches = (original: string, date: string): boolean => {
  const monthDay = /^\d{4}-\d{2}-\d{2}/.test(original) ? original.slice(5, 10) : original
  return anniversaryMonthDays(date).includes(monthDay)
}
