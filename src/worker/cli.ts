#!/usr/bin/env node
/**
 * `payload-email-marketing worker --config <payload config> [--health-port <port>]`: runs a sending
 * worker (see startWorker). The config path may also come from PAYLOAD_CONFIG_PATH, the health port
 * from EMAIL_MARKETING_HEALTH_PORT. A TypeScript config needs a loader: `NODE_OPTIONS='--import tsx'`.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'

import { startWorker } from './startWorker.js'

const usage = 'Usage: payload-email-marketing worker --config <path to payload.config> [--health-port <port>]'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { config: { type: 'string' }, 'health-port': { type: 'string' } },
})
const configPath = values.config ?? process.env.PAYLOAD_CONFIG_PATH
const healthPort = values['health-port'] ?? process.env.EMAIL_MARKETING_HEALTH_PORT

if (positionals[0] !== 'worker' || !configPath || (healthPort !== undefined && !/^\d+$/.test(healthPort))) {
  console.error(usage)
  process.exit(2)
}

const configModule = (await import(pathToFileURL(path.resolve(configPath)).href)) as { config?: unknown; default?: unknown }
await startWorker({
  config: (configModule.default ?? configModule.config) as Parameters<typeof startWorker>[0]['config'],
  healthPort: healthPort === undefined ? undefined : Number(healthPort),
})
