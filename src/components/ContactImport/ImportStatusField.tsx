'use client'
import type { SelectFieldClientComponent } from 'payload'

import { FieldLabel, Pill, useDocumentInfo, useField } from '@payloadcms/ui'

import { useImportJob } from './useImportJob.js'

const pillStyles = {
  done: 'success',
  draft: 'light',
  failed: 'error',
  pending: 'warning',
  running: 'warning',
} as const

/** The import's status in the sidebar, following the job live (the saved form value is read once). */
export const ImportStatusField: SelectFieldClientComponent = ({ field, path }) => {
  const { collectionSlug, id } = useDocumentInfo()
  const { value } = useField<string>({ path })
  const { job } = useImportJob(collectionSlug ?? 'contact-imports', id)
  const status = job?.status ?? value ?? 'draft'
  return (
    <div className="field-type import-status" data-status={status}>
      <FieldLabel label={field.label ?? 'Status'} path={path} />
      <Pill pillStyle={pillStyles[status as keyof typeof pillStyles] ?? 'light'}>
        {status[0].toUpperCase() + status.slice(1)}
      </Pill>
    </div>
  )
}
