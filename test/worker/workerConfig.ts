/**
 * The Payload config the worker tests hand to `payload-email-marketing worker --config`: the dev app's,
 * sending to the test's Postmark-compatible server. Env: DATABASE_URL, POSTMARK_API_URL, POSTMARK_TIMEOUT_MS (the lease is 5 s longer), WORKER_CONCURRENCY.
 */
import { createDevConfig } from '../../dev/config'

const timeoutMs = Number(process.env.POSTMARK_TIMEOUT_MS ?? 5000)

export default createDevConfig({
  plugin: {
    postmark: { apiUrl: process.env.POSTMARK_API_URL, serverToken: 'test-server-token', timeoutMs },
    // Off, as on the web processes that share a config with the workers: the worker runs it anyway.
    scheduler: { enabled: false },
    sending: {
      concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4),
      from: { address: 'news@example.com', name: 'Test sender' },
      leaseSeconds: Math.ceil(timeoutMs / 1000) + 5,
    },
  },
  push: false,
})
