'use client'
import type { UIFieldClientComponent } from 'payload'

import { Button, toast, useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { ColumnMappingTable } from './ColumnMappingTable.js'
import { type ImportJobState, useImportJob } from './useImportJob.js'

const boxStyle = {
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 4,
  marginBottom: 24,
  padding: '12px 16px',
}

const errorOf = async (response: Response) => {
  const body = (await response.json().catch(() => ({}))) as { errors?: { message: string }[] }
  return body.errors?.[0]?.message ?? `The request failed (${response.status}).`
}

const Progress = ({ job }: { job: ImportJobState }) => {
  const percent =
    job.status === 'done'
      ? 100
      : job.filesize
        ? Math.min(99, Math.round(((job.bytesRead ?? 0) / job.filesize) * 100))
        : 0
  return (
    <div>
      <progress aria-label="Import progress" max={100} style={{ width: '100%' }} value={percent} />
      <p className="contact-import__counts">
        {job.status}: {job.rowsRead ?? 0} rows read, {job.inserted ?? 0} inserted,{' '}
        {job.updated ?? 0} updated, {job.skipped ?? 0} skipped, {job.rejected ?? 0} rejected
      </p>
    </div>
  )
}

/**
 * The import job's mapping step and progress: after the CSV is uploaded and saved, one select per
 * column, a start button, then a progress bar polling the job and the rejected-rows report link.
 */
export const ContactImportControls: UIFieldClientComponent = () => {
  const { collectionSlug, id } = useDocumentInfo()
  const { api, job, refresh } = useImportJob(collectionSlug ?? 'contact-imports', id)
  const [columns, setColumns] = useState<null | string[]>(null)
  const [mapping, setMapping] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<null | string>(null)
  const canStart = job?.status === 'draft' || job?.status === 'failed'

  useEffect(() => {
    if (id === undefined || !canStart) return
    void fetch(`${api}/email-marketing/imports/${id}/header`, { credentials: 'include' }).then(
      async (response) => {
        if (!response.ok) return setMessage(await errorOf(response))
        const body = (await response.json()) as {
          columns: string[]
          mapping: Record<string, string>
        }
        setColumns(body.columns)
        setMapping(body.mapping)
      },
    )
  }, [api, canStart, id])

  if (id === undefined)
    return (
      <div style={boxStyle}>
        Choose a CSV file and save; then map its columns here and start the import.
      </div>
    )

  const start = async () => {
    const response = await fetch(`${api}/email-marketing/imports/${id}/start`, {
      body: JSON.stringify({ mapping }),
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    if (!response.ok) return toast.error(await errorOf(response))
    toast.success('Import started.')
    await refresh()
  }

  return (
    <div className="contact-import" style={boxStyle}>
      {message && <p role="alert">{message}</p>}
      {canStart && columns && (
        <>
          <h4>Map the columns</h4>
          <ColumnMappingTable columns={columns} mapping={mapping} onChange={setMapping} />
          {job?.error && <p role="alert">Last run failed: {job.error}</p>}
          <Button buttonStyle="primary" onClick={() => void start()}>
            {job?.status === 'failed' ? 'Resume import' : 'Start import'}
          </Button>
        </>
      )}
      {job && job.status !== 'draft' && <Progress job={job} />}
      {job && (job.rejected ?? 0) > 0 && (
        <a download href={`${api}/email-marketing/imports/${id}/rejected`}>
          Download the rejected rows ({job.rejected})
        </a>
      )}
    </div>
  )
}
