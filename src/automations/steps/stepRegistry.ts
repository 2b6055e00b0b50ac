import type { Block } from 'payload'

import type { StepDefinition } from '../engine/stepTypes.js'
import type { SanitizedEmailMarketingOptions } from '../../types.js'

import { addTagStep } from './addTag.js'
import { createDealStep } from './createDeal.js'
import { endStep } from './end.js'
import { goalStep } from './goal.js'
import { ifElseStep } from './ifElse.js'
import { moveDealStep } from './moveDeal.js'
import { notifyAdminStep } from './notifyAdmin.js'
import { removeTagStep } from './removeTag.js'
import { sendAsDealOwnerStep } from './sendAsDealOwner.js'
import { stepCatalog, thumbnailUrl } from './stepCatalog.js'
import { sendEmailStep } from './sendEmail.js'
import { startAutomationStep } from './startAutomation.js'
import { subscribeListStep } from './subscribeList.js'
import { unsubscribeListStep } from './unsubscribeList.js'
import { updateFieldStep } from './updateField.js'
import { waitStep } from './wait.js'
import { webhookStep } from './webhook.js'

/** If/else branches may nest this deep (Payload blocks cannot be recursive, so each level is its own schema). */
export const maxBranchDepth = 2

const leafSteps = (options: SanitizedEmailMarketingOptions): StepDefinition[] => [
  sendEmailStep(options.slugs.transactionalTemplates),
  sendAsDealOwnerStep,
  waitStep(options),
  addTagStep(options.slugs.tags),
  removeTagStep(options.slugs.tags),
  subscribeListStep(options.slugs.lists),
  unsubscribeListStep(options.slugs.lists),
  updateFieldStep,
  createDealStep(options.slugs.pipelines),
  moveDealStep(options.slugs.pipelines),
  notifyAdminStep(options.adminUserSlug),
  webhookStep,
  startAutomationStep(options.slugs.automations),
  endStep,
]

/** A step's block as the picker shows it: grouped, with its icon and one line of description. */
const presented = (block: Block): Block => {
  const presentation = stepCatalog[block.slug]
  if (!presentation) return block
  return {
    ...block,
    admin: { ...block.admin, group: presentation.group },
    imageAltText: presentation.description,
    imageURL: thumbnailUrl(presentation),
  }
}

/** Blocks offered at one nesting level: every step, plus if/else while nesting is allowed. Goals live at the top level only. */
export const stepBlocks = (options: SanitizedEmailMarketingOptions, level = 0): Block[] => {
  const blocks = leafSteps(options).map((step) => step.block)
  if (level < maxBranchDepth)
    blocks.push(ifElseStep(options, stepBlocks(options, level + 1), level).block)
  if (level === 0) blocks.push(goalStep(options).block)
  return blocks.map(presented)
}

/** Step runners by block type. */
export const stepRunners = (options: SanitizedEmailMarketingOptions): Map<string, StepDefinition> =>
  new Map(
    [...leafSteps(options), ifElseStep(options, []), goalStep(options)].map((step) => [
      step.block.slug,
      step,
    ]),
  )
