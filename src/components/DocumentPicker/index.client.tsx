'use client'
import type { NumberFieldClientProps, OptionObject } from 'payload'

import { FieldDescription, SelectInput, useConfig, useField } from '@payloadcms/ui'
import { mergeFieldStyles } from '@payloadcms/ui/shared'
import { useEffect, useState } from 'react'

export type DocumentPickerProps = {
  /** What one document is called in the placeholder, e.g. "campaign". */
  noun: string
  /** Collection to pick from; its documents are shown by `name`. */
  relationTo: string
}

const SEARCH_DEBOUNCE_MS = 300

/**
 * A number field that stores a document id, shown as a searchable choice among the documents of
 * `relationTo` by name: for rule fields that hold an id without a relationship column (so the
 * rule builder builds without that collection). An id no longer found stays visible as "#id".
 */
export const DocumentPicker = ({
  field,
  noun,
  path,
  relationTo,
}: DocumentPickerProps & NumberFieldClientProps) => {
  const { config } = useConfig()
  const { setValue, showError, value } = useField<null | number>({ path })
  const [search, setSearch] = useState('')
  const [options, setOptions] = useState<OptionObject[]>([])
  const [loadError, setLoadError] = useState<null | string>(null)

  useEffect(() => {
    const controller = new AbortController()
    const timer = setTimeout(() => {
      const query = new URLSearchParams({
        depth: '0',
        limit: '50',
        'select[name]': 'true',
        sort: '-createdAt',
      })
      if (search.trim()) query.set('where[name][like]', search.trim())
      fetch(`${config.serverURL}${config.routes.api}/${relationTo}?${query}`, {
        credentials: 'include',
        signal: controller.signal,
      })
        .then(async (response) => {
          if (!response.ok) throw new Error(`the server answered ${response.status}`)
          const { docs } = (await response.json()) as { docs: { id: number; name?: string }[] }
          setLoadError(null)
          setOptions(
            docs.map((doc) => ({ label: doc.name || `#${doc.id}`, value: String(doc.id) })),
          )
        })
        .catch((problem: Error) => {
          if (!controller.signal.aborted)
            setLoadError(`The list could not be loaded: ${problem.message}`)
        })
    }, SEARCH_DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [config.routes.api, config.serverURL, relationTo, search])

  const current = value === null || value === undefined ? undefined : String(value)
  const shown =
    current && !options.some((option) => option.value === current)
      ? [...options, { label: `#${current}`, value: current }]
      : options
  return (
    <SelectInput
      Description={loadError ? <FieldDescription description={loadError} path={path} /> : null}
      isClearable
      label={field.label ?? `Choose a ${noun}`}
      name={field.name}
      onChange={(option) => {
        const picked = Array.isArray(option) ? option[0] : option
        setValue(picked?.value ? Number(picked.value) : null)
      }}
      onInputChange={(text) => setSearch(text)}
      options={shown}
      path={path}
      placeholder={`Choose a ${noun}`}
      readOnly={field.admin?.readOnly}
      showError={showError}
      style={mergeFieldStyles(field)}
      value={current}
    />
  )
}
