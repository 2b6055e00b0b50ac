/*
 * Payload caches its instance per process under the key REST handlers use ('default'), so each
 * trustedProxies setting gets its own test file (its own module registry) around this helper.
 */
import { sql } from '@payloadcms/db-postgres'

import { rateLimitTableName } from '../../src/subscriptions/rateLimitTable'
import { rowsOf } from '../../src/utilities/db'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { type PeerServer, startPeerServer } from '../helpers/peerServer'
import { slugs } from '../helpers/slugs'

export const spoofed = '198.51.100.77'

/** Boots the app with `trustedProxies`, serves it on a real socket (peer 127.0.0.1) and subscribes once with a forwarded address. */
export const subscribeThroughSocket = async (
  name: string,
  trustedProxies: string[] | undefined,
) => {
  let app: TestPayload | undefined
  let server: PeerServer | undefined
  try {
    app = await bootTestPayload({
      cacheKey: 'default',
      name,
      plugin: trustedProxies ? { trustedProxies } : {},
    })
    await app.payload.create({
      collection: slugs.lists,
      data: { doubleOptIn: false, name: 'Instant', public: true, slug: 'instant' } as never,
    })
    server = await startPeerServer(app.config)
    const response = await fetch(`${server.url}/api/email-marketing/subscribe`, {
      body: JSON.stringify({
        consentText: 'Yes please',
        email: 'reader@example.com',
        list: 'instant',
      }),
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': spoofed,
        'x-real-ip': spoofed,
      },
      method: 'POST',
    })
    expect(response.status).toBe(200)
    const keys = rowsOf<{ key: string }>(
      await app.payload.db.drizzle.execute(
        sql`SELECT key FROM ${sql.identifier(rateLimitTableName)}`,
      ),
    ).map((row) => row.key)
    const contact = (
      await app.payload.find({
        collection: slugs.contacts,
        where: { email: { equals: 'reader@example.com' } },
      })
    ).docs[0] as { consent?: { ip?: string } }
    return { consentIp: contact.consent?.ip, keys }
  } finally {
    await server?.close()
    await app?.shutdown()
  }
}
