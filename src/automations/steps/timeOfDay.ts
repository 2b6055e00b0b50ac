/** Minutes east of UTC of a time zone at an instant (Intl does the DST arithmetic). */
const offsetMinutes = (at: Date, timeZone: string): number => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
      minute: '2-digit',
      month: '2-digit',
      second: '2-digit',
      timeZone,
      year: 'numeric',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  )
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  )
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000)
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export const localDate = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', {
    day: '2-digit',
    month: '2-digit',
    timeZone,
    year: 'numeric',
  }).format(at)

/** The instant of a local date and "HH:MM" in a time zone. */
export const instantOf = (date: string, timeOfDay: string, timeZone: string): Date => {
  const [hours, minutes] = timeOfDay.split(':').map(Number)
  const [year, month, day] = date.split('-').map(Number)
  const guess = new Date(Date.UTC(year, month - 1, day, hours || 0, minutes || 0))
  return new Date(guess.getTime() - offsetMinutes(guess, timeZone) * 60_000)
}

/** The first instant after `now` that falls on one of `weekdays` (0 = Sunday; any day when empty) at `timeOfDay`. */
export const nextTimeOfDay = (
  now: Date,
  { timeOfDay, timeZone, weekdays }: { timeOfDay: string; timeZone: string; weekdays?: number[] },
): Date => {
  for (let days = 0; days <= 7; days += 1) {
    const date = localDate(new Date(now.getTime() + days * 86_400_000), timeZone)
    const candidate = instantOf(date, timeOfDay, timeZone)
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay()
    if (candidate > now && (!weekdays?.length || weekdays.includes(weekday))) return candidate
  }
  throw new Error(`No weekday matches ${JSON.stringify(weekdays)}.`)
}
