/**
 * Standalone fake Postmark for manual use with the dev app:
 *   tsx test/postmark/cli.ts --port 7777 [--latency 100] [--token SECRET] [--inactive a@b.c,d@e.f]
 * then point the app at it (e.g. POSTMARK_API_URL=http://127.0.0.1:7777). Control routes: see control.ts.
 */
import { parseArgs } from 'node:util'

import { startFakePostmark } from './fakePostmarkServer.js'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '7777' },
    latency: { type: 'string', default: '0' },
    token: { type: 'string' },
    inactive: { type: 'string' },
    interval: { type: 'string', default: '5' },
    'keep-bodies': { type: 'string', default: 'true' },
    help: { type: 'boolean', short: 'h' },
  },
})

if (values.help) {
  console.log(
    'Usage: tsx test/postmark/cli.ts [--port 7777] [--latency ms] [--token SERVER_TOKEN] [--inactive a@b.c,...] [--interval seconds] [--keep-bodies false]',
  )
  process.exit(0)
}

const toNumber = (name: string, value: string): number => {
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a non-negative number, got '${value}'`)
    process.exit(2)
  }
  return n
}

const fake = await startFakePostmark({
  port: toNumber('port', values.port),
  latencyMs: toNumber('latency', values.latency),
  serverToken: values.token,
  keepBodies: values['keep-bodies'] !== 'false',
})
for (const address of values.inactive?.split(',') ?? [])
  if (address.trim()) fake.inactiveRecipients.add(address.trim().toLowerCase())

console.log(
  `[fake-postmark] listening on ${fake.url} (latency ${values.latency} ms, token ${values.token ? 'required' : 'any'})`,
)
console.log(
  `[fake-postmark] use POSTMARK_API_URL=${fake.url}; stats: curl ${fake.url}/__fake/stats`,
)

let last = { accepted: -1, requests: -1, at: Date.now() }
const report = () => {
  const accepted = fake.accepted.length
  const requests = fake.requests.length
  if (accepted === last.accepted && requests === last.requests) return
  const now = Date.now()
  const rate =
    last.accepted < 0 || accepted < last.accepted
      ? 0
      : ((accepted - last.accepted) * 1000) / (now - last.at)
  const failed = fake.requests.filter((r) => r.status !== 200).length
  console.log(
    `[fake-postmark] ${new Date(now).toISOString()} accepted=${accepted} (+${rate.toFixed(0)}/s) requests=${requests} non200=${failed} duplicates=${fake.duplicates().length}`,
  )
  last = { accepted, requests, at: now }
}
const timer = setInterval(report, toNumber('interval', values.interval) * 1000)

const stop = async () => {
  clearInterval(timer)
  report()
  await fake.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
