'use client'

import { useAllFormFields, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { reduceFieldsToValues } from 'payload/shared'
import type React from 'react'
import { useEffect, useState } from 'react'

import { selfTriggerWarnings } from '../../automations/loopWarnings.js'
import { FlowSteps, type FlowStep } from './FlowSteps.js'

type Counts = Record<string, { passed: number; waiting: number }>

/** The automation's steps as a diagram (branches side by side) with per-step counts, plus the loop warning. */
export const AutomationFlow: React.FC = () => {
  const [fields] = useAllFormFields()
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const [counts, setCounts] = useState<Counts>({})
  const data = reduceFieldsToValues(fields, true) as { steps?: unknown; triggers?: unknown }
  // A blocks field without rows is a row count in form state, not an array.
  const steps = Array.isArray(data.steps) ? (data.steps as FlowStep[]) : []
  const warnings = selfTriggerWarnings({
    id,
    steps,
    triggers: Array.isArray(data.triggers) ? data.triggers : [],
  })

  useEffect(() => {
    if (!id) return
    let stopped = false
    const load = async () => {
      const response = await fetch(
        `${config.serverURL}${config.routes.api}/email-marketing/automations/${id}/step-counts`,
        { credentials: 'include' },
      )
      if (response.ok && !stopped) setCounts(((await response.json()) as { counts: Counts }).counts)
    }
    void load()
    const timer = setInterval(() => void load(), 5000)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [id, config.serverURL, config.routes.api])

  return (
    <div className="automation-flow" style={{ marginBottom: 'var(--base)' }}>
      <h4 style={{ margin: '0 0 8px' }}>Flow</h4>
      {warnings.length > 0 && (
        <div
          className="automation-flow__warning"
          role="alert"
          style={{
            background: 'var(--theme-warning-100)',
            border: '1px solid var(--theme-warning-500)',
            marginBottom: 8,
            padding: 8,
          }}
        >
          <strong>This automation can re-trigger itself.</strong> The engine stops a contact after
          the loop cap. {warnings.join(' ')}
        </div>
      )}
      {steps.length === 0 ? (
        <p>No steps yet.</p>
      ) : (
        <FlowSteps counts={counts} prefix="" steps={steps} />
      )}
    </div>
  )
}
