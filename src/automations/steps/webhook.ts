import { createHmac } from 'node:crypto'

import type {
  EnrollmentState,
  StepContext,
  StepDefinition,
  StepResult,
} from '../engine/stepTypes.js'

export const webhookSignatureHeader = 'X-Email-Marketing-Signature'

/** Seconds to wait before each retry of a failed call: four attempts in all, then `onFailure`. */
export const webhookRetryDelaysSeconds = [1, 5, 30] as const

/** `sha256=<hex HMAC-SHA256 of the raw body keyed with the plugin secret>`; receivers recompute it to trust the call. */
export const signWebhookBody = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`

const isHttpUrl = (value: unknown): boolean => {
  try {
    return ['http:', 'https:'].includes(new URL(String(value)).protocol)
  } catch {
    return false
  }
}

/** One POST; a 2xx answer is success, anything else (another status, a timeout, no connection) a failure. */
const callOnce = async ({
  automation,
  contact,
  enrollment,
  now,
  options,
  path,
  step,
}: StepContext) => {
  const body = JSON.stringify({
    automation: { id: automation.id, name: automation.name },
    contact,
    enrollment: enrollment.id,
    sentAt: now.toISOString(),
    step: path,
  })
  const timeoutSeconds = Number(step.timeoutSeconds ?? 10)
  try {
    const response = await fetch(String(step.url), {
      body,
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': `step:${enrollment.id}:${path}`,
        [webhookSignatureHeader]: signWebhookBody(options.secret, body),
      },
      method: 'POST',
      signal: AbortSignal.timeout(timeoutSeconds * 1000),
    })
    // The body is not used; reading it frees the connection.
    await response.arrayBuffer()
    return { ok: response.ok, outcome: `answered ${response.status}` }
  } catch (error) {
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutSeconds} s`
        : (error as Error).message
    return { ok: false, outcome: `failed: ${reason}` }
  }
}

const failedAttemptsAt = (state: EnrollmentState, path: string): number =>
  state.retry?.path === path ? state.retry.failedAttempts : 0

/**
 * POSTs the contact and automation as JSON, signed. The engine records that it moved past this
 * step before each attempt, so a crash never repeats a call; the idempotency key (the same for
 * every attempt) lets receivers drop a call they already handled. A non-2xx answer or a timeout is
 * retried after 1 s, 5 s and 30 s through the enrollment's own wait (no sleeping in the tick);
 * after the last attempt the failure is in the history and the run stops (`onFailure: 'stop'`,
 * the enrollment becomes `failed`) or goes on with the next step (`'continue'`).
 */
export const webhookStep: StepDefinition = {
  block: {
    slug: 'webhook',
    fields: [
      {
        name: 'url',
        type: 'text',
        required: true,
        validate: (value: null | string | undefined) =>
          isHttpUrl(value) || 'Enter an http:// or https:// URL.',
      },
      {
        type: 'row',
        fields: [
          {
            name: 'timeoutSeconds',
            type: 'number',
            defaultValue: 10,
            max: 60,
            min: 1,
            admin: { description: 'No answer within this time counts as a failure.' },
          },
          {
            name: 'onFailure',
            type: 'select',
            defaultValue: 'stop',
            admin: {
              description: `After ${webhookRetryDelaysSeconds.length + 1} failed attempts (retries after ${webhookRetryDelaysSeconds.join(' s, ')} s).`,
            },
            options: [
              { label: 'Stop the automation for the contact', value: 'stop' },
              { label: 'Continue with the next step', value: 'continue' },
            ],
          },
        ],
      },
    ],
    labels: { plural: 'Webhooks', singular: 'Call webhook' },
  },
  checkpointFirst: true,
  run: async (context): Promise<StepResult> => {
    const { enrollment, now, path, step } = context
    const state = enrollment.state
    const attempt = failedAttemptsAt(state, path) + 1
    const attempts = webhookRetryDelaysSeconds.length + 1
    const result = await callOnce(context)
    if (result.ok) {
      delete state.retry
      return { kind: 'next', outcome: `webhook ${result.outcome}` }
    }
    if (attempt < attempts) {
      state.retry = { failedAttempts: attempt, path }
      const until = new Date(now.getTime() + webhookRetryDelaysSeconds[attempt - 1] * 1000)
      return {
        kind: 'wait',
        outcome: `webhook ${result.outcome} (attempt ${attempt} of ${attempts}); retrying at ${until.toISOString()}`,
        until,
      }
    }
    delete state.retry
    const failure = `webhook ${result.outcome} (attempt ${attempt} of ${attempts})`
    return step.onFailure === 'continue'
      ? { kind: 'next', outcome: `${failure}; continuing` }
      : { kind: 'end', outcome: `${failure}; stopped`, status: 'failed' }
  },
}
