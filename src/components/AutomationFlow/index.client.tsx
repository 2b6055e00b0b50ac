'use client'

import { useAllFormFields, useConfig, useDocumentInfo, useForm } from '@payloadcms/ui'
import { reduceFieldsToValues } from 'payload/shared'
import type React from 'react'
import { useCallback, useEffect, useMemo, useState } from 'react'

import { selfTriggerWarnings } from '../../automations/loopWarnings.js'
import {
  type FlowBlock,
  type FlowNames,
  type NamedRole,
  relatedIds,
  rowsOf,
} from './describeFlow.js'
import type { FlowActions, StepCounts } from './flowActions.js'
import { FlowCanvas } from './FlowCanvas.js'
import { focusStepRow } from './focusStepRow.js'
import { stepChoicesFor } from './stepChoices.js'

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

/** Waiting/passed numbers per step path (one grouped query on the server), refreshed every 5 s. */
const useStepCounts = (id: number | string | undefined): StepCounts => {
  const { config } = useConfig()
  const [counts, setCounts] = useState<StepCounts>({})
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
  return counts
}

/** The block at a form path such as `steps.2.yes.0`, in the form's values. */
const blockAt = (values: Record<string, unknown>, path: string): FlowBlock | undefined =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      values,
    ) as FlowBlock | undefined

/**
 * The automation as a canvas: its triggers and steps as nodes (if/else branches side by side),
 * each with its waiting/passed numbers. Clicking a node opens that step's fields below; the "+" on
 * an edge inserts a step there. Reads the form as it is being edited, so it never assumes a list
 * field is an array.
 */
export const AutomationFlow: React.FC<AutomationFlowProps> = ({ slugs }) => {
  const [fields] = useAllFormFields()
  const { addFieldRow } = useForm()
  const { collectionSlug, hasSavePermission, id } = useDocumentInfo()
  const { getEntityConfig } = useConfig()
  const counts = useStepCounts(id)
  const data = useMemo(
    () => reduceFieldsToValues(fields, true) as Record<string, unknown>,
    [fields],
  )
  const steps = rowsOf(data.steps)
  const triggers = rowsOf(data.triggers)
  const warnings = selfTriggerWarnings({ id, steps: steps as never, triggers: triggers as never })
  const names = useNames(relatedIds([triggers, steps]), slugs)
  const clientFields = collectionSlug ? (getEntityConfig({ collectionSlug })?.fields ?? []) : []

  const addStep = useCallback<FlowActions['addStep']>(
    ({ index, list }, blockType) => {
      const schemaPath = list
        .split('.')
        .map((part, i, parts) =>
          /^\d+$/.test(part)
            ? String(blockAt(data, parts.slice(0, i + 1).join('.'))?.blockType)
            : part,
        )
        .join('.')
      addFieldRow({ blockType, path: list, rowIndex: index, schemaPath })
      // The row's fields arrive with the next form state; open it once Payload has drawn it.
      setTimeout(() => focusStepRow(`${list}.${index}`), 300)
    },
    [addFieldRow, data],
  )

  const actions: FlowActions = {
    addStep,
    choicesFor: (list) =>
      stepChoicesFor(clientFields, list, (path) => blockAt(data, path)?.blockType),
    counts,
    names,
    openStep: (path) => focusStepRow(`steps.${path}`),
    openTriggers: () =>
      document
        .getElementById('field-triggers')
        ?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
    readOnly: hasSavePermission === false,
  }

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
      <FlowCanvas actions={actions} steps={steps} triggers={triggers} />
    </div>
  )
}
