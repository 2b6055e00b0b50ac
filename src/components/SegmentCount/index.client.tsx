'use client'
import type { UIFieldClientComponent } from 'payload'

import { useAllFormFields, useConfig } from '@payloadcms/ui'
import { reduceFieldsToValues } from 'payload/shared'
import { useEffect, useMemo, useState } from 'react'

type CountState =
  | { count: number; kind: 'count' }
  | { kind: 'error'; message: string }
  | { kind: 'loading' }

const DEBOUNCE_MS = 400

/**
 * The number of contacts the rules being edited match right now. Posts the unsaved rules to
 * `/api/email-marketing/segments/count` (admin users only) at most once per pause in typing.
 */
export const SegmentCount: UIFieldClientComponent = () => {
  const { config } = useConfig()
  const [fields] = useAllFormFields()
  const rules = useMemo(() => {
    const values = reduceFieldsToValues(fields, true) as { groups?: unknown; match?: unknown }
    return JSON.stringify({ groups: values.groups ?? [], match: values.match ?? 'all' })
  }, [fields])
  const [state, setState] = useState<CountState>({ kind: 'loading' })

  useEffect(() => {
    const controller = new AbortController()
    const timer = setTimeout(() => {
      setState({ kind: 'loading' })
      fetch(`${config.serverURL}${config.routes.api}/email-marketing/segments/count`, {
        body: rules,
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
        signal: controller.signal,
      })
        .then(async (response) => {
          const body = (await response.json().catch(() => ({}))) as {
            count?: number
            errors?: { message: string }[]
          }
          setState(
            response.ok && typeof body.count === 'number'
              ? { count: body.count, kind: 'count' }
              : {
                  kind: 'error',
                  message: body.errors?.[0]?.message ?? `The count failed (${response.status}).`,
                },
          )
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setState({ kind: 'error', message: String(error) })
        })
    }, DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [config.routes.api, config.serverURL, rules])

  return (
    <div
      aria-live="polite"
      className="segment-count"
      data-state={state.kind}
      style={{
        border: '1px solid var(--theme-elevation-150)',
        borderRadius: 4,
        marginBottom: 24,
        padding: '12px 16px',
      }}
    >
      {state.kind === 'count' ? (
        <span>
          <strong data-testid="segment-count">{state.count.toLocaleString()}</strong>{' '}
          {state.count === 1 ? 'contact matches' : 'contacts match'} these rules now
        </span>
      ) : state.kind === 'error' ? (
        <span style={{ color: 'var(--theme-warning-600, #b45309)' }}>{state.message}</span>
      ) : (
        <span>Counting matching contacts…</span>
      )}
    </div>
  )
}
