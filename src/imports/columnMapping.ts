import { EmailMarketingError } from '../errors/EmailMarketingError.js'
import { mappableContactFields, type MappableContactField } from './importStatuses.js'

/** CSV header -> `email` | `firstName` | ... | `attributes.<name>` | `ignore`. */
export type ColumnMapping = Record<string, string>

/** The mapping compiled against the file's header: which column index feeds what. */
export type CompiledMapping = {
  attributes: { index: number; name: string }[]
  emailIndex: number
  fields: { field: Exclude<MappableContactField, 'email'>; index: number }[]
}

export class ImportMappingError extends EmailMarketingError {
  constructor(message: string) {
    super(message, 400)
  }
}

const attributePrefix = 'attributes.'

/** Guesses a target per header so the admin starts from a sensible mapping. */
export const suggestMapping = (header: string[]): ColumnMapping => {
  const byKey = new Map<string, string>(
    mappableContactFields.map((field) => [field.toLowerCase(), field]),
  )
  byKey
    .set('emailaddress', 'email')
    .set('mail', 'email')
    .set('first', 'firstName')
    .set('last', 'lastName')
  byKey.set('surname', 'lastName').set('organization', 'company').set('organisation', 'company')
  const taken = new Set<string>()
  return Object.fromEntries(
    header.map((column) => {
      const key = column.toLowerCase().replace(/[^a-z]/g, '')
      const field = byKey.get(key)
      if (field && !taken.has(field)) {
        taken.add(field)
        return [column, field]
      }
      const name = column.trim().replace(/\s+/g, '_')
      return [column, name ? `${attributePrefix}${name}` : 'ignore']
    }),
  )
}

/** Checks a mapping against the header; throws ImportMappingError with a message an admin can act on. */
export const compileMapping = (header: string[], mapping: ColumnMapping): CompiledMapping => {
  const unknown = Object.keys(mapping).filter((column) => !header.includes(column))
  if (unknown.length > 0) {
    throw new ImportMappingError(
      `The mapping names columns the file does not have: ${unknown.join(', ')}.`,
    )
  }
  const compiled: CompiledMapping = { attributes: [], emailIndex: -1, fields: [] }
  const seen = new Set<string>()
  header.forEach((column, index) => {
    const target = mapping[column] ?? 'ignore'
    if (target === 'ignore') return
    if (seen.has(target)) throw new ImportMappingError(`Two columns are mapped to "${target}".`)
    seen.add(target)
    if (target === 'email') compiled.emailIndex = index
    else if (target.startsWith(attributePrefix) && target.length > attributePrefix.length) {
      compiled.attributes.push({ index, name: target.slice(attributePrefix.length) })
    } else if ((mappableContactFields as readonly string[]).includes(target)) {
      compiled.fields.push({ field: target as CompiledMapping['fields'][number]['field'], index })
    } else {
      throw new ImportMappingError(
        `Column "${column}" is mapped to "${target}"; use one of ${mappableContactFields.join(', ')}, attributes.<name> or ignore.`,
      )
    }
  })
  if (compiled.emailIndex < 0) throw new ImportMappingError('Map one column to "email".')
  return compiled
}
