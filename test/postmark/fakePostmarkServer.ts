/**
 * A Postmark-compatible HTTP server for tests, benches and the dev app (node:http only).
 * Implements POST /email, /email/batch, /email/withTemplate, /email/batchWithTemplates and
 * GET /messages/outbound and the suppressions routes (suppressions.ts), with Postmark's auth, validation and error codes; see validation.ts and search.ts.
 * Standalone: `tsx test/postmark/cli.ts --port 7777`; control routes for other processes: control.ts.
 *
 * How the official `postmark` client (v4.0.5, axios) surfaces failures — all errors are subclasses of
 * `Errors.PostmarkError` (import { Errors } from 'postmark') with `.statusCode` (HTTP status, 0 when there
 * was no HTTP answer) and `.code` (Postmark ErrorCode from the body, 0 when none); `.name` is the class name:
 *   - 429 → Errors.RateLimitExceededError   statusCode 429 (code 429 from this fake)        → retry later
 *   - 500 → Errors.InternalServerError      statusCode 500 (code 500 from this fake)        → retry
 *   - 503 → Errors.ServiceUnavailablerError (sic) statusCode 503 (code 503 from this fake)  → retry
 *   - socket dropped → Errors.PostmarkError (the base class) statusCode 0, code 0, message 'socket hang up'
 *     (axios ECONNRESET; the errno code is lost) → retry, but the outcome is unknown in general
 *   - client timeout (ServerClient option `timeout`, in SECONDS, fractions work) → Errors.PostmarkError
 *     statusCode 0, code 0, message 'timeout of <ms>ms exceeded'. This fake still records the message once
 *     its latency elapses, like Postmark would, so a retry after a timeout produces a duplicate.
 *   - 401 → Errors.InvalidAPIKeyError statusCode 401 code 10                               → do not retry
 *   - 422 → Errors.InvalidEmailRequestError (code 300), Errors.InactiveRecipientsError (code 406, with
 *     `.recipients`), other codes (402 bad JSON, 409 JSON required, 410 too many batch messages) →
 *     Errors.ApiInputError                                                                 → do not retry
 * Batch endpoints answer HTTP 200 even when elements fail: read each element's ErrorCode (0 = accepted).
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

import { handleControl } from './control.js'
import { searchOutbound } from './search.js'
import { MessageStore } from './store.js'
import { handleSuppressions, type SuppressionStore } from './suppressions.js'
import type { FakePostmark, FakePostmarkOptions, Fault, RequestLogEntry } from './types.js'
import {
  isPlainObject,
  isRejection,
  MAX_BATCH_SIZE,
  type Rejection,
  type SendMode,
  validateMessage,
} from './validation.js'

export type {
  AcceptedMessage,
  FakePostmark,
  FakePostmarkOptions,
  Fault,
  RequestLogEntry,
} from './types.js'

const MISSING_TOKEN =
  'No Account or Server API tokens were supplied in the HTTP headers. Please add a header for either X-Postmark-Server-Token or X-Postmark-Account-Token.'
const WRONG_TOKEN =
  'The Server API token you provided in the X-Postmark-Server-Token request header was invalid. Please verify that you are using a valid token.'
const FAULT_MESSAGES: Record<number, string> = {
  429: 'Rate limit exceeded: too many requests hitting the API too quickly.',
  500: 'Internal Server Error (injected fault).',
  503: 'Service Unavailable (injected fault).',
}

type QueuedFault = Fault & { remaining: number }

/** Routing key: lowercase path without trailing slash. */
const routeOf = (path: string): string => {
  const lower = path.toLowerCase()
  return lower.length > 1 && lower.endsWith('/') ? lower.slice(0, -1) : lower
}

/** Waits at least `ms` by the monotonic clock (plain timers may fire a little early). */
async function delay(ms: number): Promise<void> {
  if (ms <= 0) return
  const deadline = performance.now() + ms
  for (let left = ms; left > 0; left = deadline - performance.now()) await sleep(Math.ceil(left))
}

export async function startFakePostmark(options: FakePostmarkOptions = {}): Promise<FakePostmark> {
  const store = new MessageStore(options.keepBodies ?? true)
  const requests: RequestLogEntry[] = []
  const inactiveRecipients = new Set<string>()
  const suppressions: SuppressionStore = new Map()
  const faults: QueuedFault[] = []
  let latencyMs = options.latencyMs ?? 0

  const takeFault = (route: string): QueuedFault | undefined => {
    const index = faults.findIndex(
      (fault) => fault.path === undefined || routeOf(fault.path) === route,
    )
    if (index < 0) return undefined
    const fault = faults[index]
    if (--fault.remaining <= 0) faults.splice(index, 1)
    return fault
  }

  const send = (
    res: http.ServerResponse,
    entry: RequestLogEntry | null,
    status: number,
    body: unknown,
  ): void => {
    if (entry) entry.status = status
    const text = JSON.stringify(body)
    if (res.destroyed || res.writableEnded) return
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    })
    res.end(text)
  }

  const sendMessages = (mode: SendMode, messages: unknown[], requestIndex: number) => {
    const now = new Date()
    const submittedAt = now.toISOString()
    return messages.map((raw) => {
      const result = validateMessage(raw, mode, inactiveRecipients)
      if (isRejection(result)) return result
      const message = store.add(result, requestIndex, now)
      return {
        ErrorCode: 0,
        Message: 'OK',
        MessageID: message.MessageID,
        SubmittedAt: submittedAt,
        To: message.To,
      }
    })
  }

  async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    rawBody: Buffer,
  ): Promise<void> {
    const method = req.method ?? 'GET'
    const url = req.url ?? '/'
    const queryAt = url.indexOf('?')
    const path = queryAt >= 0 ? url.slice(0, queryAt) : url
    const route = routeOf(path)
    const isPost = method === 'POST'

    let body: unknown
    let bodyError: Rejection | null = null
    if (isPost) {
      const contentType = req.headers['content-type'] ?? ''
      if (!contentType.includes('json')) {
        bodyError = {
          ErrorCode: 409,
          Message:
            'JSON required. Your HTTP request does not have the Accept and Content-Type headers set to application/json.',
        }
      } else {
        try {
          body = JSON.parse(rawBody.toString('utf8'))
        } catch {
          bodyError = { ErrorCode: 402, Message: 'Received invalid JSON input.' }
        }
      }
    }

    if (route.startsWith('/__fake/')) {
      const answer = handleControl(
        fake,
        () => faults.length,
        () => latencyMs,
        method,
        route,
        body,
      )
      return send(res, null, answer.status, answer.body)
    }

    const entry: RequestLogEntry = { method, path, status: 0, at: new Date() }
    const requestIndex = requests.push(entry) - 1
    if (route === '/email/batch' && Array.isArray(body)) entry.batchSize = body.length
    if (
      route === '/email/batchwithtemplates' &&
      isPlainObject(body) &&
      Array.isArray(body.Messages)
    )
      entry.batchSize = body.Messages.length

    const fault = takeFault(route)
    await delay(latencyMs)
    if (fault?.kind === 'drop') {
      req.socket.destroy()
      return
    }
    if (fault)
      return send(res, entry, fault.status, {
        ErrorCode: fault.status,
        Message: FAULT_MESSAGES[fault.status],
      })

    const token = req.headers['x-postmark-server-token']
    if (typeof token !== 'string' || token.trim() === '')
      return send(res, entry, 401, { ErrorCode: 10, Message: MISSING_TOKEN })
    if (options.serverToken !== undefined && token !== options.serverToken) {
      return send(res, entry, 401, { ErrorCode: 10, Message: WRONG_TOKEN })
    }

    const notFound = () =>
      send(res, entry, 404, { ErrorCode: 404, Message: `Not found: ${method} ${path}` })
    if (method === 'GET' && route === '/messages/outbound') {
      const result = searchOutbound(
        store,
        new URLSearchParams(queryAt >= 0 ? url.slice(queryAt + 1) : ''),
      )
      return send(res, entry, isRejection(result) ? 422 : 200, result)
    }
    const suppressionAnswer = bodyError
      ? null
      : handleSuppressions(suppressions, method, route, body)
    if (suppressionAnswer) return send(res, entry, suppressionAnswer.status, suppressionAnswer.body)
    if (!isPost) return notFound()

    const single: SendMode | null =
      route === '/email' ? 'plain' : route === '/email/withtemplate' ? 'template' : null
    const batch: SendMode | null =
      route === '/email/batch' ? 'plain' : route === '/email/batchwithtemplates' ? 'template' : null
    if (!single && !batch) return notFound()
    if (bodyError) return send(res, entry, 422, bodyError)

    if (single) {
      const [result] = sendMessages(single, [body], requestIndex)
      return send(res, entry, result.ErrorCode === 0 ? 200 : 422, result)
    }
    const messages = batch === 'plain' ? body : isPlainObject(body) ? body.Messages : undefined
    if (!Array.isArray(messages)) {
      const expected =
        batch === 'plain' ? 'a JSON array of messages' : 'a JSON object { "Messages": [...] }'
      return send(res, entry, 422, {
        ErrorCode: 403,
        Message: `Incompatible JSON input: expected ${expected}.`,
      })
    }
    if (messages.length > MAX_BATCH_SIZE) {
      return send(res, entry, 422, {
        ErrorCode: 410,
        Message: `Too many messages in batch (${messages.length}). You may only send up to ${MAX_BATCH_SIZE} messages in a batched call.`,
      })
    }
    return send(res, entry, 200, sendMessages(batch!, messages, requestIndex))
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('error', () => undefined)
    res.on('error', () => undefined)
    req.on('end', () => {
      handle(req, res, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).catch(
        (error: unknown) => {
          console.error('[fake-postmark] internal error', error)
          send(res, null, 500, {
            ErrorCode: 500,
            Message: `Fake Postmark internal error: ${String(error)}`,
          })
        },
      )
    })
  })

  const hostname = options.hostname ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, hostname, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  let closing: Promise<void> | null = null

  const fake: FakePostmark = {
    url: `http://${hostname}:${port}`,
    host: `${hostname}:${port}`,
    port,
    accepted: store.accepted,
    requests,
    inactiveRecipients,
    suppressions,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
      return closing
    },
    setLatency(ms) {
      latencyMs = Math.max(0, ms)
    },
    inject(fault) {
      faults.push({ ...fault, remaining: fault.times ?? 1 })
    },
    clearFaults() {
      faults.length = 0
    },
    reset() {
      store.clear()
      requests.length = 0
      faults.length = 0
    },
    acceptedFor: (address) => store.acceptedFor(address),
    countFor: (address) => store.acceptedFor(address).length,
    acceptedWithMessageId: (messageId) => store.acceptedWithMessageId(messageId),
    duplicates: () => store.duplicates(),
  }
  return fake
}
