'use client'
import type { TextFieldClientProps } from 'payload'

import { FieldError, FieldLabel, useConfig, useField, useFormFields } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

type Stage = { name: string; stageId: string }

const idOf = (value: unknown): null | number | string =>
  value && typeof value === 'object'
    ? ((value as { id?: number | string }).id ?? null)
    : ((value as null | number | string) ?? null)

/** The deal's stage as a choice among the stages of the pipeline picked in the same form. */
export const DealStageField = ({
  field,
  path,
  pipelinesSlug = 'pipelines',
}: TextFieldClientProps & { pipelinesSlug?: string }) => {
  const { config } = useConfig()
  const { setValue, showError, value } = useField<string>({ path })
  const pipelineId = idOf(useFormFields(([fields]) => fields.pipeline?.value))
  const [stages, setStages] = useState<Stage[]>([])

  useEffect(() => {
    if (pipelineId === null) {
      setStages([])
      return
    }
    const controller = new AbortController()
    fetch(`${config.routes.api}/${pipelinesSlug}/${pipelineId}?depth=0`, {
      credentials: 'include',
      signal: controller.signal,
    })
      .then((response) => (response.ok ? response.json() : { stages: [] }))
      .then((pipeline: { stages?: Stage[] }) => setStages(pipeline.stages ?? []))
      .catch(() => undefined)
    return () => controller.abort()
  }, [config.routes.api, pipelineId, pipelinesSlug])

  const known = stages.some((stage) => stage.stageId === value)
  return (
    <div className="field-type text" style={{ flex: 1 }}>
      <FieldLabel label={field.label ?? 'Stage'} path={path} required={field.required} />
      <FieldError path={path} showError={showError} />
      <select
        aria-label="Stage"
        disabled={pipelineId === null || field.admin?.readOnly}
        id={`field-${path}`}
        onChange={(event) => setValue(event.target.value)}
        style={{ height: 40, padding: '0 8px', width: '100%' }}
        value={value ?? ''}
      >
        <option value="">
          {pipelineId === null ? 'Choose a pipeline first' : 'Choose a stage'}
        </option>
        {value && !known ? <option value={value}>{value}</option> : null}
        {stages.map((stage) => (
          <option key={stage.stageId} value={stage.stageId}>
            {stage.name}
          </option>
        ))}
      </select>
    </div>
  )
}
