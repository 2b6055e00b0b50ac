#!/usr/bin/env node
/**
 * `payload-email-marketing worker --config <payload config> [--health-port <port>] [--health-stale-seconds <s>]`:
 * runs a sending worker (see startWorker). The config path may also come from PAYLOAD_CONFIG_PATH, the
 * health port from EMAIL_MARKETING_HEALTH_PORT. A TypeScript config needs a loader: `NODE_OPTIONS='--import tsx'`.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'

import { startWorker } from './startWorker.js'

const usage =
  'Usage: payload-email-marketing worker --config <path to payload.config> [--health-port <port>] [--health-stale-seconds <seconds>]'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    config: { type: 'string' },
    'health-port': { type: 'string' },
    'health-stale-seconds': { type: 'string' },
  },
})
const configPath = values.config ?? process.env.PAYLOAD_CONFIG_PATH
const healthPort = values['health-port'] ?? process.env.EMAIL_MARKETING_HEALTH_PORT
const healthStaleSeconds = values['health-stale-seconds']
const isCount = (value: string | undefined) => value === undefined || /^\d+$/.test(value)

if (
  positionals[0] !== 'worker' ||
  !configPath ||
  !isCount(healthPort) ||
  !isCount(healthStaleSeconds)
) {
  console.error(usage)
  process.exit(2)
}

const configModule = (await import(pathToFileURL(path.resolve(configPath)).href)) as {
  config?: unknown
  default?: unknown
}
await startWorker({
  config: (configModule.default ?? configModule.config) as Parameters<
    typeof startWorker
  >[0]['config'],
  healthPort: healthPort === undefined ? undefined : Number(healthPort),
  healthStaleSeconds: healthStaleSeconds === undefined ? undefined : Number(healthStaleSeconds),
})
