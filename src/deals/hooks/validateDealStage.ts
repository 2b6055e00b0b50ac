import type { CollectionSlug, TextFieldSingleValidation } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../../types.js'

import { idOf } from '../../utilities/idOf.js'

type Stage = { name?: string; stageId?: string }

/**
 * The deal's stage must be one of its pipeline's stages. The message names the stage (by name when
 * another pipeline has it) and the pipeline, so the admin sees what to fix.
 */
export const validateDealStage =
  (options: SanitizedEmailMarketingOptions): TextFieldSingleValidation =>
  async (value, { data, req }) => {
    const stageId = value ?? (data as { stage?: string }).stage
    const pipelineId = idOf((data as { pipeline?: unknown }).pipeline)
    if (!stageId) return 'Choose a stage.'
    if (pipelineId === null) return 'Choose a pipeline before the stage.'
    const collection = options.slugs.pipelines as CollectionSlug
    const pipeline = (await req.payload.findByID({
      collection,
      depth: 0,
      disableErrors: true,
      id: pipelineId,
      req,
    })) as { name?: string; stages?: Stage[] } | null
    if (!pipeline) return `Pipeline ${pipelineId} does not exist.`
    if (pipeline.stages?.some((stage) => stage.stageId === stageId)) return true
    const elsewhere = await req.payload.find({
      collection,
      depth: 0,
      limit: 1,
      pagination: false,
      req,
      where: { 'stages.stageId': { equals: stageId } },
    })
    const owner = elsewhere.docs[0] as { name?: string; stages?: Stage[] } | undefined
    const stageName = owner?.stages?.find((stage) => stage.stageId === stageId)?.name
    const stageLabel = stageName
      ? `"${stageName}" (${stageId}) of pipeline "${owner?.name}"`
      : `"${stageId}"`
    return `Stage ${stageLabel} does not belong to pipeline "${pipeline.name}".`
  }
