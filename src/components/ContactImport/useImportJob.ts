'use client'
import { useConfig } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

export type ImportJobState = {
  bytesRead?: number
  error?: null | string
  filesize?: null | number
  inserted?: number
  rejected?: number
  rowsRead?: number
  skipped?: number
  status?: 'done' | 'draft' | 'failed' | 'pending' | 'running'
  updated?: number
}

const POLL_MS = 1000

/** The import job as the API has it now, polled every second while it is pending or running. */
export const useImportJob = (collectionSlug: string, id: number | string | undefined) => {
  const { config } = useConfig()
  const api = `${config.serverURL}${config.routes.api}`
  const [job, setJob] = useState<ImportJobState | null>(null)
  const refresh = useCallback(async () => {
    if (id === undefined) return
    const response = await fetch(`${api}/${collectionSlug}/${id}?depth=0`, {
      credentials: 'include',
    })
    if (response.ok) setJob((await response.json()) as ImportJobState)
  }, [api, collectionSlug, id])
  useEffect(() => {
    void refresh()
  }, [refresh])
  const active = job?.status === 'pending' || job?.status === 'running'
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => void refresh(), POLL_MS)
    return () => clearInterval(timer)
  }, [active, refresh])
  return { api, job, refresh }
}
