'use client'
import { idOf } from '../../utilities/idOf.js'
import type { TextFieldClientProps } from 'payload'

import { FieldError, FieldLabel, useConfig, useField, useFormFields } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

type Stage = { name: string; stageId: string }

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
  const [loadError, setLoadError] = useState<null | string>(null)

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
      .then(async (response) => {
        if (!response.ok) throw new Error(`the server answered ${response.status}`)
        return (await response.json()) as { stages?: Stage[] }
      })
      .then((pipeline) => {
        setLoadError(null)
        setStages(pipeline.stages ?? [])
      })
      .catch((problem: Error) => {
        if (problem.name !== 'AbortError')
          setLoadError(`The pipeline's stages could not be loaded: ${problem.message}`)
      })
    return () => controller.abort()
  }, [config.routes.api, pipelineId, pipelinesSlug])

  const known = stages.some((stage) => stage.stageId === value)
  return (
    <div className="field-type text" style={{ flex: 1 }}>
      <FieldLabel label={field.label ?? 'Stage'} path={path} required={field.required} />
      <FieldError path={path} showError={showError} />
      {loadError ? (
        <p role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {loadError}
        </p>
      ) : null}
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
