/**
 * The dev app's Payload (dev/config.ts, scheduler on) without Next.js, for the database restart test.
 * Like Next.js, it logs an uncaught exception instead of dying of it, so the test can count them.
 * Env: DATABASE_URL, POSTMARK_API_URL, POSTMARK_SERVER_TOKEN.
 */
import { getPayload } from 'payload'

import { createDevConfig } from '../../dev/config'

process.on('uncaughtException', (error) => console.error(`⨯ uncaughtException: ${String(error)}`))

await getPayload({ config: createDevConfig({ push: false }) })
// tsProcess's readiness marker.
console.log('worker ready')
