import type { Config, Plugin } from 'payload'

import type { EmailMarketingPluginOptions } from './types.js'

import { createCollections } from './collections.js'
import { withDealBoard } from './deals/withDealBoard.js'
import { withPluginOptions } from './pluginContext.js'
import { sanitizeOptions } from './sanitizeOptions.js'
import { countSegmentEndpoint } from './segments/endpoints/countSegmentEndpoint.js'
import { startScheduler } from './scheduler/startScheduler.js'
import { outboxEmailAdapter } from './sending/outboxEmailAdapter.js'
import { assertPostgresConfig } from './utilities/assertPostgres.js'

/**
 * Adds contacts, lists, subscriptions, tags and the message log to a Payload config and, when
 * enabled, the outbox email adapter and the delivery scheduler. Everything the host config already
 * has is kept; its `onInit` runs before the plugin's.
 */
export const emailMarketingPlugin =
  (pluginOptions: EmailMarketingPluginOptions = {}): Plugin =>
  (incomingConfig: Config): Config => {
    assertPostgresConfig(incomingConfig)
    const options = sanitizeOptions(pluginOptions, incomingConfig)
    const config = withPluginOptions(
      { ...incomingConfig, collections: [...(incomingConfig.collections ?? []), ...createCollections(options)] },
      options,
    )
    if (!options.enabled) {
      return config
    }
    return {
      ...withDealBoard(config),
      email: config.email ?? (options.useAsPayloadEmail ? outboxEmailAdapter() : undefined),
      endpoints: [...(config.endpoints ?? []), countSegmentEndpoint],
      onInit: async (payload) => {
        await incomingConfig.onInit?.(payload)
        if (!options.postmark.serverToken) {
          payload.logger.warn(
            'email-marketing: no Postmark server token (postmark.serverToken / POSTMARK_SERVER_TOKEN), so emails run in capture mode: they are kept in the message log with status "captured" and not sent.',
          )
        }
        startScheduler(payload)
      },
    }
  }

export type { BoardCard, StageTotal } from './deals/boardQueries.js'
export { contactDealHistory, type ContactDealChange } from './deals/contactDealHistory.js'
export { dealStatuses, type DealStatus } from './deals/dealStatuses.js'
export { loadBoard } from './deals/loadBoard.js'
export { moveDeal, type MoveDealInput } from './deals/moveDeal.js'
export { pluginOptionsOf } from './pluginContext.js'
export { startScheduler, stopScheduler } from './scheduler/startScheduler.js'
export { compileConditions, validateConditions, type CompileConditionsOptions } from './segments/compileConditions.js'
export { conditionGroupFields, type ConditionGroupFieldsOptions } from './segments/conditionGroupFields.js'
export {
  type ConditionContext,
  type ConditionOperator,
  type ConditionType,
  conditionTypes,
  operatorsByType,
  type SegmentCondition,
  type SegmentConditionGroup,
  SegmentConditionError,
  type SegmentConditions,
} from './segments/conditionTypes.js'
export {
  contactMatchesConditions,
  countSegment,
  loadSegmentConditions,
  segmentContactsQuery,
  type SegmentRef,
} from './segments/segmentQueries.js'
export { drainOutbox } from './sending/drainOutbox.js'
export { enqueueMessage, enqueueMessages } from './sending/enqueueMessages.js'
export type { EnqueuedMessage } from './sending/enqueueMessages.js'
export { BatchCallError, type Mailer, type SendOutcome } from './sending/mailer.js'
export { messageKinds, messageStatuses } from './sending/messageStatuses.js'
export type { MessageKind, MessageStatus } from './sending/messageStatuses.js'
export { outboxEmailAdapter } from './sending/outboxEmailAdapter.js'
export { outboxTick } from './sending/outboxTick.js'
export type { ClaimedMessage, OutboxMessageInput } from './sending/outboxTypes.js'
export { reconcileLeases } from './sending/reconcileLeases.js'
export type {
  CollectionOverride,
  EmailMarketingCollection,
  EmailMarketingPluginOptions,
  PostmarkOptions,
  SanitizedEmailMarketingOptions,
  SchedulerOptions,
  SendingOptions,
} from './types.js'
export { arrayParam, drizzleFor, rowsOf, tableOf } from './utilities/db.js'
export { isEmailAddress, normalizeEmail } from './utilities/isEmailAddress.js'
