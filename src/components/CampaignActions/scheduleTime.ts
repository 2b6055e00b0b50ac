import { DateTime } from 'luxon'

/** The browser's time zone, the default a schedule is entered in. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone

export const timeZones = (): string[] => Intl.supportedValuesOf('timeZone')

/**
 * A wall-clock date and time in `zone` as an instant, or why not: malformed, not a time that exists
 * there (a daylight-saving gap), or not in the future.
 */
export const scheduleInstant = (
  date: string,
  time: string,
  zone: string,
  now: DateTime = DateTime.now(),
): { at: DateTime } | { problem: string } => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date.trim())) return { problem: 'Enter the date as YYYY-MM-DD.' }
  if (!/^\d{1,2}:\d{2}$/.test(time.trim())) return { problem: 'Enter the time as HH:MM (24 h).' }
  const at = DateTime.fromISO(`${date.trim()}T${time.trim().padStart(5, '0')}`, { zone })
  if (!at.isValid) return { problem: `That is not a valid date and time in ${zone}.` }
  if (at.toFormat('HH:mm') !== time.trim().padStart(5, '0'))
    return { problem: `${time} does not exist on ${date} in ${zone} (the clocks change).` }
  if (at <= now) return { problem: 'Choose a time in the future.' }
  return { at }
}

/** "Thu 24 Dec 2026, 09:00 Europe/Berlin (08:00 UTC)". */
export const describeInstant = (at: DateTime): string =>
  `${at.toFormat('ccc d LLL yyyy, HH:mm')} ${at.zoneName} (${at.toUTC().toFormat('HH:mm')} UTC)`
