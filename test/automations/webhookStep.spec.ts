import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'

import { enroll } from '../../src/index'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import {
  createAutomation,
  createContact,
  email,
  enrollmentsOf,
  historyOf,
  messagesTo,
  tickAt,
} from './automationFixtures'

let app: TestPayload
let server: Server
let baseUrl: string
/** Calls received per path, with their headers. */
const calls = new Map<string, IncomingHttpHeaders[]>()

/**
 * `/fail-twice/<id>`: 503 twice, then 204. `/error/<id>`: always 500. `/slow/<id>`: answers after
 * 1.5 s. Anything else: 204.
 */
beforeAll(async () => {
  app = await bootTestPayload({ name: 'automation-webhook-step' })
  server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      const path = request.url ?? '/'
      const seen = [...(calls.get(path) ?? []), request.headers]
      calls.set(path, seen)
      if (path.startsWith('/fail-twice/'))
        return response.writeHead(seen.length <= 2 ? 503 : 204).end()
      if (path.startsWith('/error/')) return response.writeHead(500).end('broken')
      if (path.startsWith('/slow/'))
        return void setTimeout(() => response.writeHead(204).end(), 1500)
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})

afterAll(async () => {
  server?.closeAllConnections()
  server?.close()
  await app?.shutdown()
})

const start = async (address: string, steps: Record<string, unknown>[], now: Date) => {
  const { payload } = app
  const automation = await createAutomation(payload, { steps })
  const contact = await createContact(payload, address)
  await enroll(payload, { automationId: automation.id, contactId: contact.id, now })
  await tickAt(payload, now)
  return automation
}

const at = (start: number, seconds: number) => new Date(start + seconds * 1000)

describe('call webhook step', () => {
  it('retries a non-2xx answer after 1 s and 5 s through the enrollment wait, then moves on', async () => {
    const t0 = Date.now()
    const url = `${baseUrl}/fail-twice/a`
    const automation = await start(
      'retry@example.com',
      [{ blockType: 'webhook', url }, email('After the hook')],
      at(t0, 0),
    )
    let [enrollment] = await enrollmentsOf(app.payload, automation.id)
    expect(enrollment).toMatchObject({ status: 'waiting', step_path: '0' })
    expect(new Date(String(enrollment.next_run_at)).getTime()).toBe(t0 + 1000)
    // Not due yet: no second call before the backoff is over.
    await tickAt(app.payload, at(t0, 0.5))
    expect(calls.get('/fail-twice/a')).toHaveLength(1)
    await tickAt(app.payload, at(t0, 1))
    ;[enrollment] = await enrollmentsOf(app.payload, automation.id)
    expect(new Date(String(enrollment.next_run_at)).getTime()).toBe(t0 + 6000)
    await tickAt(app.payload, at(t0, 6))
    ;[enrollment] = await enrollmentsOf(app.payload, automation.id)
    expect(enrollment.status).toBe('completed')
    expect(enrollment.state.retry).toBeUndefined()
    const headers = calls.get('/fail-twice/a')!
    expect(headers).toHaveLength(3)
    expect(new Set(headers.map((h) => h['idempotency-key']))).toEqual(
      new Set([`step:${enrollment.id}:0`]),
    )
    expect((await messagesTo(app.payload, 'retry@example.com')).map((m) => m.subject)).toEqual([
      'After the hook',
    ])
    const outcomes = (await historyOf(app.payload, enrollment.id))
      .filter((entry) => entry.step === '0' && entry.outcome !== 'started')
      .map((entry) => entry.outcome)
    expect(outcomes).toEqual([
      `webhook answered 503 (attempt 1 of 4); retrying at ${at(t0, 1).toISOString()}`,
      `webhook answered 503 (attempt 2 of 4); retrying at ${at(t0, 6).toISOString()}`,
      'webhook answered 204',
    ])
  })

  it('after four failed attempts the failure is in the history and the run stops (the default)', async () => {
    const t0 = Date.now()
    const automation = await start(
      'stop@example.com',
      [{ blockType: 'webhook', url: `${baseUrl}/error/stop` }, email('Never sent')],
      at(t0, 0),
    )
    for (const seconds of [1, 6, 36]) await tickAt(app.payload, at(t0, seconds))
    const [enrollment] = await enrollmentsOf(app.payload, automation.id)
    expect(enrollment).toMatchObject({ next_run_at: null, status: 'failed' })
    expect(calls.get('/error/stop')).toHaveLength(4)
    expect(await messagesTo(app.payload, 'stop@example.com')).toEqual([])
    const history = await historyOf(app.payload, enrollment.id)
    expect(history.at(-1)).toMatchObject({
      outcome: 'webhook answered 500 (attempt 4 of 4); stopped',
      step: '0',
      step_type: 'webhook',
    })
    // Nothing more happens later.
    await tickAt(app.payload, at(t0, 3600))
    expect(calls.get('/error/stop')).toHaveLength(4)
  })

  it("a timeout is a failure; with onFailure 'continue' the run goes on after the last attempt", async () => {
    const t0 = Date.now()
    const automation = await start(
      'continue@example.com',
      [
        {
          blockType: 'webhook',
          onFailure: 'continue',
          timeoutSeconds: 1,
          url: `${baseUrl}/slow/continue`,
        },
        email('Sent anyway'),
      ],
      at(t0, 0),
    )
    for (const seconds of [1, 6, 36]) await tickAt(app.payload, at(t0, seconds))
    const [enrollment] = await enrollmentsOf(app.payload, automation.id)
    expect(enrollment.status).toBe('completed')
    expect((await messagesTo(app.payload, 'continue@example.com')).map((m) => m.subject)).toEqual([
      'Sent anyway',
    ])
    const history = await historyOf(app.payload, enrollment.id)
    expect(history.find((entry) => entry.outcome.includes('attempt 4 of 4'))?.outcome).toBe(
      'webhook failed: no answer within 1 s (attempt 4 of 4); continuing',
    )
  }, 60_000)

  it('refuses a URL that is not http(s) when the automation is saved', async () => {
    await expect(
      createAutomation(app.payload, {
        steps: [{ blockType: 'webhook', url: 'ftp://example.com' }],
      }),
    ).rejects.toThrow(/Url|url/)
  })
})
