'use client'
import { idOf } from '../../utilities/idOf.js'
import type { TextFieldClientProps } from 'payload'

import { Banner, FieldError, SelectInput, useConfig, useField, useFormFields } from '@payloadcms/ui'
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
  const options = [
    ...(value && !known ? [{ label: value, value }] : []),
    ...stages.map((stage) => ({ label: stage.name, value: stage.stageId })),
  ]
  return (
    <div style={{ flex: 1 }}>
      {loadError ? <Banner type="error">{loadError}</Banner> : null}
      <SelectInput
        Error={<FieldError path={path} showError={showError} />}
        label={field.label ?? 'Stage'}
        name={path}
        onChange={(option) => {
          const picked = Array.isArray(option) ? option[0] : option
          setValue(picked ? String((picked as { value: unknown }).value) : '')
        }}
        options={options}
        path={path}
        placeholder={pipelineId === null ? 'Choose a pipeline first' : 'Choose a stage'}
        readOnly={pipelineId === null || field.admin?.readOnly}
        required={field.required}
        showError={showError}
        value={value ?? ''}
      />
    </div>
  )
}
