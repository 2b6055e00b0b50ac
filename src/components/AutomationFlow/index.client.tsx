'use client'

import { useAllFormFields, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { reduceFieldsToValues } from 'payload/shared'
import type React from 'react'
import { useEffect, useState } from 'react'

import { selfTriggerWarnings } from '../../automations/loopWarnings.js'
import {
  describeTrigger,
  type FlowNames,
  type NamedRole,
  relatedIds,
  rowsOf,
} from './describeFlow.js'
import { FlowConnector, flowBox, FlowSteps, type StepCounts } from './FlowSteps.js'

export type AutomationFlowProps = {
  /** Collection slugs of the documents steps and triggers name, to show their names. */
  slugs?: Partial<Record<NamedRole, string>>
}

/** Names of the related documents by role and id, loaded through REST (id order kept stable in `key`). */
const useNames = (
  ids: Record<NamedRole, string[]>,
  slugs: AutomationFlowProps['slugs'],
): FlowNames => {
  const { config } = useConfig()
  const [names, setNames] = useState<FlowNames>({})
  const key = JSON.stringify({ ids, slugs })
  useEffect(() => {
    let stopped = false
    const load = async () => {
      const { ids: wanted, slugs: slugOf } = JSON.parse(key) as {
        ids: Record<NamedRole, string[]>
        slugs?: AutomationFlowProps['slugs']
      }
      const loaded: FlowNames = {}
      for (const role of Object.keys(wanted) as NamedRole[]) {
        const slug = slugOf?.[role]
        if (!slug || wanted[role].length === 0) continue
        const query = new URLSearchParams({
          depth: '0',
          limit: String(wanted[role].length),
          'select[name]': 'true',
          'where[id][in]': wanted[role].join(','),
        })
        const response = await fetch(`${config.serverURL}${config.routes.api}/${slug}?${query}`, {
          credentials: 'include',
        })
        if (!response.ok) continue
        const { docs } = (await response.json()) as { docs: { id: number; name?: string }[] }
        loaded[role] = Object.fromEntries(docs.map((doc) => [String(doc.id), doc.name ?? '']))
      }
      if (!stopped) setNames(loaded)
    }
    void load()
    return () => {
      stopped = true
    }
  }, [key, config.serverURL, config.routes.api])
  return names
}

/**
 * The automation as a diagram: its triggers as the first node, then the steps (if/else branches
 * side by side) in human text with per-step counts, plus the loop warning. Reads the form as it
 * is being edited, so it never assumes a list field is an array.
 */
export const AutomationFlow: React.FC<AutomationFlowProps> = ({ slugs }) => {
  const [fields] = useAllFormFields()
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const [counts, setCounts] = useState<StepCounts>({})
  const data = reduceFieldsToValues(fields, true) as { steps?: unknown; triggers?: unknown }
  const steps = rowsOf(data.steps)
  const triggers = rowsOf(data.triggers)
  const warnings = selfTriggerWarnings({ id, steps: steps as never, triggers: triggers as never })
  const names = useNames(relatedIds([triggers, steps]), slugs)

  useEffect(() => {
    if (!id) return
    let stopped = false
    const load = async () => {
      const response = await fetch(
        `${config.serverURL}${config.routes.api}/email-marketing/automations/${id}/step-counts`,
        { credentials: 'include' },
      )
      if (response.ok && !stopped)
        setCounts(((await response.json()) as { counts: StepCounts }).counts)
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
      <div style={{ alignItems: 'center', display: 'flex', flexDirection: 'column', gap: 6 }}>
        <div className="automation-flow__trigger" style={{ ...flowBox, fontWeight: 600 }}>
          {triggers.length === 0
            ? 'No trigger: contacts enter only through enroll()'
            : triggers.map((trigger, index) => (
                <div className="automation-flow__text" key={String(trigger.id ?? index)}>
                  {index === 0 ? 'When: ' : 'or: '}
                  {describeTrigger(trigger, names)}
                </div>
              ))}
        </div>
        <FlowConnector />
        <FlowSteps counts={counts} names={names} prefix="" steps={steps} />
      </div>
    </div>
  )
}
