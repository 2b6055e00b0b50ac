import { createHmac } from 'node:crypto'

import type { StepDefinition } from '../engine/stepTypes.js'

export const webhookSignatureHeader = 'X-Email-Marketing-Signature'

/** `sha256=<hex HMAC-SHA256 of the raw body keyed with the plugin secret>`; receivers recompute it to trust the call. */
export const signWebhookBody = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`

/**
 * POSTs the contact and automation as JSON, signed. The engine records that it moved past this
 * step before calling, so a crash never repeats the call; the idempotency key lets receivers
 * drop a retry they may still see from their own side.
 */
export const webhookStep: StepDefinition = {
  block: {
    slug: 'webhook',
    fields: [{ name: 'url', type: 'text', required: true }],
    labels: { plural: 'Webhooks', singular: 'Call webhook' },
  },
  checkpointFirst: true,
  run: async ({ automation, contact, enrollment, now, options, path, step }) => {
    const body = JSON.stringify({
      automation: { id: automation.id, name: automation.name },
      contact,
      enrollment: enrollment.id,
      sentAt: now.toISOString(),
      step: path,
    })
    try {
      const response = await fetch(String(step.url), {
        body,
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': `step:${enrollment.id}:${path}`,
          [webhookSignatureHeader]: signWebhookBody(options.secret, body),
        },
        method: 'POST',
        signal: AbortSignal.timeout(10_000),
      })
      return { kind: 'next', outcome: `webhook answered ${response.status}` }
    } catch (error) {
      return { kind: 'next', outcome: `webhook failed: ${(error as Error).message}` }
    }
  },
}
