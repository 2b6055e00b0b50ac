import type { Payload } from 'payload'
import { slugs } from '../helpers/slugs'

type Stage = { name: string; stageId: string; winProbability: number }

/** A pipeline with the given stages (name and win probability), as stored, with generated stage ids. */
export const createPipeline = async (
  payload: Payload,
  name: string,
  stages: [string, number][],
) => {
  const pipeline = await payload.create({
    collection: slugs.pipelines,
    data: {
      name,
      stages: stages.map(([stageName, winProbability]) => ({ name: stageName, winProbability })),
    },
  })
  return { id: pipeline.id as number, name, stages: pipeline.stages as Stage[] }
}
