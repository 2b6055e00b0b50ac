import type { Payload } from 'payload'

import { createServer, type Server } from 'node:http'

import { schedulerHealth } from '../scheduler/startScheduler.js'

export type HealthServer = { close: () => Promise<void>; url: string }

/**
 * The worker's readiness and liveness probe: `GET /health` answers 200 while some scheduler tick
 * succeeded within `staleAfterMs`, 503 otherwise (not yet ready, shutting down, or the database has
 * not answered for that long). The body lists each tick's last success and failures in a row.
 */
export const startHealthServer = async (
  payload: Payload,
  { port, staleAfterMs }: { port: number; staleAfterMs: number },
): Promise<HealthServer> => {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/health') {
      response.writeHead(404).end()
      return
    }
    const ticks = schedulerHealth(payload) ?? []
    const lastSuccess = Math.max(0, ...ticks.map((tick) => tick.lastSuccessAt?.getTime() ?? 0))
    const healthy = Date.now() - lastSuccess < staleAfterMs
    response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ status: healthy ? 'ok' : 'unavailable', ticks }))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, resolve)
  })
  const address = server.address()
  const boundPort = typeof address === 'object' && address ? address.port : port
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    url: `http://127.0.0.1:${boundPort}/health`,
  }
}
