'use client'
import type { UIFieldClientComponent } from 'payload'

import { useAllFormFields, useConfig } from '@payloadcms/ui'
import { reduceFieldsToValues } from 'payload/shared'
import { useEffect, useMemo, useState } from 'react'

import { completeRulesOf } from '../../segments/ruleGaps.js'

type CountState =
  | { count: number; kind: 'count' }
  | { kind: 'error'; message: string }
  | { kind: 'loading' }

const DEBOUNCE_MS = 400

/**
 * The number of contacts the rules being edited match right now. Only finished rules are sent
 * (to `/api/email-marketing/segments/count`, admin users only), at most once per pause in typing;
 * an unfinished rule is named below the count, in words, instead of failing the count.
 */
export const SegmentCount: UIFieldClientComponent = () => {
  const { config } = useConfig()
  const [fields] = useAllFormFields()
  const { body, gaps } = useMemo(() => {
    const values = reduceFieldsToValues(fields, true) as { groups?: unknown; match?: unknown }
    const { gaps, rules } = completeRulesOf({ groups: values.groups, match: values.match })
    return { body: JSON.stringify(rules), gaps }
  }, [fields])
  const [state, setState] = useState<CountState>({ kind: 'loading' })

  useEffect(() => {
    const controller = new AbortController()
    const timer = setTimeout(() => {
      setState({ kind: 'loading' })
      fetch(`${config.serverURL}${config.routes.api}/email-marketing/segments/count`, {
        body,
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
        signal: controller.signal,
      })
        .then(async (response) => {
          const answer = (await response.json().catch(() => ({}))) as {
            count?: number
            errors?: { message: string }[]
          }
          setState(
            response.ok && typeof answer.count === 'number'
              ? { count: answer.count, kind: 'count' }
              : {
                  kind: 'error',
                  message: answer.errors?.[0]?.message ?? `The count failed (${response.status}).`,
                },
          )
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted)
            setState({ kind: 'error', message: `The count failed: ${String(error)}` })
        })
    }, DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [body, config.routes.api, config.serverURL])

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
          {state.count === 1 ? 'contact matches' : 'contacts match'}{' '}
          {gaps.length ? 'the finished rules' : 'these rules'} now
        </span>
      ) : state.kind === 'error' ? (
        <span className="segment-count__error" style={{ color: 'var(--theme-error-500)' }}>
          {state.message}
        </span>
      ) : (
        <span>Counting matching contacts…</span>
      )}
      {gaps.length > 0 && (
        <ul
          className="segment-count__gaps"
          style={{ color: 'var(--theme-elevation-600)', margin: '8px 0 0', paddingLeft: 18 }}
        >
          {gaps.map((gap) => (
            <li key={`${gap.path}.${gap.field ?? ''}`}>Not counted yet: {gap.message}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
