import type { MessageKind } from '../../src/sending/messageStatuses'
import type { EmailMarketingPluginOptions } from '../../src/types'

import { startFakePostmark, type FakePostmark } from '../postmark/fakePostmarkServer'
import { bootTestPayload, type TestPayload } from './bootTestPayload'

export const testPostmarkToken = 'test-server-token'

export type SendingApp = TestPayload & { postmark: FakePostmark }

/** The dev config on a fresh database, sending through the real postmark client to a local fake. */
export const bootSendingApp = async ({
  cacheKey,
  latencyMs = 0,
  name,
  plugin,
  sending,
}: {
  /** getPayload's cache key; 'default' when REST or GraphQL route handlers are called. */
  cacheKey?: string
  latencyMs?: number
  name: string
  plugin?: Partial<EmailMarketingPluginOptions>
  sending?: EmailMarketingPluginOptions['sending']
}): Promise<SendingApp> => {
  const postmark = await startFakePostmark({ latencyMs, serverToken: testPostmarkToken })
  const app = await bootTestPayload({
    cacheKey,
    name,
    plugin: {
      postmark: { apiUrl: postmark.url, serverToken: testPostmarkToken, timeoutMs: 2000 },
      sending: {
        from: { address: 'news@example.com', name: 'Test sender' },
        leaseSeconds: 3,
        ...sending,
      },
      ...plugin,
    },
  })
  return {
    ...app,
    postmark,
    shutdown: async () => {
      await app.shutdown()
      await postmark.close()
    },
  }
}

/** Queued messages for `count` recipients, enqueued in chunks so big outboxes fill quickly. */
export const broadcastInputs = (
  count: number,
  { kind = 'campaign', prefix = 'reader' }: { kind?: MessageKind; prefix?: string } = {},
) =>
  Array.from({ length: count }, (_, index) => ({
    dedupeKey: `${prefix}:${index}`,
    html: `<p>Hello ${index}</p>`,
    kind,
    subject: `News for ${index}`,
    text: `Hello ${index}`,
    to: `${prefix}${index}@example.com`,
  }))
