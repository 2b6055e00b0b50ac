/** A step path as people count: "0" → "1", "2.yes.0" → "3, yes branch, 1". */
export const readableStep = (path: string): string =>
  path
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : `${part} branch`))
    .join(', ')

/** "sendEmail" → "Send email". */
export const readableStepType = (type: string): string => {
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
  return words[0].toUpperCase() + words.slice(1)
}

const isoTime = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g

/** Replaces ISO timestamps in an outcome ("waiting until 2026-12-03T13:53:54.004Z") by local times. */
export const withLocalTimes = (text: string): string =>
  text.replace(isoTime, (iso) => new Date(iso).toLocaleString())
