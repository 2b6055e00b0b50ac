import { DateTime, IANAZone } from 'luxon'

/** An IANA time zone name the runtime knows ("Europe/Berlin", "UTC"). */
export const isTimeZone = (zone: string): boolean => IANAZone.isValidZone(zone)

/**
 * A scheduled instant as the editor chose it, in its zone: "Thu 24 Dec 2026, 9:00 AM Europe/Berlin".
 * Without a (valid) zone, in UTC.
 */
export const formatScheduled = (at: string, zone?: null | string): string => {
  const shownIn = zone && isTimeZone(zone) ? zone : 'UTC'
  const instant = DateTime.fromISO(at, { locale: 'en-US', zone: shownIn })
  return instant.isValid ? `${instant.toFormat('ccc d LLL yyyy, h:mm a')} ${shownIn}` : ''
}
