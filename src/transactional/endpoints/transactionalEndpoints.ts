import type { Endpoint } from 'payload'

import { previewTemplateEndpoint, sendTestEmailEndpoint } from './previewTemplateEndpoints.js'
import { sendTransactionalEndpoint } from './sendTransactionalEndpoint.js'

/** Preview and test routes come first: their paths are more specific than the send route's. */
export const transactionalEndpoints: Endpoint[] = [
  previewTemplateEndpoint,
  sendTestEmailEndpoint,
  sendTransactionalEndpoint,
]
