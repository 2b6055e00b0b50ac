import type { SanitizedConfig } from 'payload'

import { REST_GET, REST_POST } from '@payloadcms/next/routes'
import http from 'node:http'

import { rememberPeerAddress } from '../../src/access/clientAddress'

export type PeerServer = { close: () => Promise<void>; url: string }

/**
 * A minimal custom Node server in front of Payload's REST route handlers, as the README describes:
 * it builds the Web Request from the socket and registers the socket's address as the peer.
 */
export const startPeerServer = async (config: SanitizedConfig): Promise<PeerServer> => {
  const handlers = { GET: REST_GET(config), POST: REST_POST(config) }
  const handle = async (incoming: http.IncomingMessage, outgoing: http.ServerResponse) => {
    try {
      const chunks: Buffer[] = []
      for await (const chunk of incoming) chunks.push(chunk as Buffer)
      const url = new URL(incoming.url ?? '/', 'http://localhost:3000')
      const headers = new Headers()
      for (const [name, value] of Object.entries(incoming.headers))
        if (typeof value === 'string') headers.set(name, value)
      const request = rememberPeerAddress(
        new Request(url, {
          body: chunks.length ? Buffer.concat(chunks) : undefined,
          headers,
          method: incoming.method,
        }),
        incoming.socket.remoteAddress,
      )
      const handler = handlers[incoming.method as keyof typeof handlers]
      const response = await handler(request, {
        params: Promise.resolve({ slug: url.pathname.replace(/^\/api\//, '').split('/') }),
      })
      outgoing.writeHead(response.status, Object.fromEntries(response.headers))
      outgoing.end(Buffer.from(await response.arrayBuffer()))
    } catch (error) {
      outgoing.writeHead(500)
      outgoing.end(String(error))
    }
  }
  const server = http.createServer((incoming, outgoing) => void handle(incoming, outgoing))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    close: () => new Promise((resolve) => server.close(() => resolve())),
    url: `http://127.0.0.1:${port}`,
  }
}
