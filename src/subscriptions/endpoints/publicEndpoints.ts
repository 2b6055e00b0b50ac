import type { Endpoint } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../../types.js'

import { postmarkWebhookEndpoint } from '../../webhooks/endpoints/postmarkWebhookEndpoint.js'
import { confirmEndpoints } from './confirmEndpoint.js'
import { preferencesEndpoints } from './preferencesEndpoints.js'
import { subscribeEndpoints } from './subscribeEndpoints.js'
import { unsubscribeEndpoints } from './unsubscribeEndpoints.js'

/** Subscribe, confirm, unsubscribe, preferences, and the Postmark webhook when it has credentials. */
export const publicEndpoints = (options: SanitizedEmailMarketingOptions): Endpoint[] => [
  ...subscribeEndpoints,
  ...confirmEndpoints,
  ...unsubscribeEndpoints,
  ...preferencesEndpoints,
  ...(options.webhooks ? [postmarkWebhookEndpoint] : []),
]
