import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { createApiClient } from '../helpers/apiClient'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src')
const publicPaths = new Set([
  '/email-marketing/confirm',
  '/email-marketing/preferences',
  '/email-marketing/subscribe',
  '/email-marketing/unsubscribe',
  '/email-marketing/webhooks/postmark',
])

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(path.join(dir, entry.name))
      : /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.spec.ts')
        ? [path.join(dir, entry.name)]
        : [],
  )

let app: TestPayload

beforeAll(async () => {
  app = await bootTestPayload({
    cacheKey: 'default',
    name: 'access_one_guard',
    plugin: { webhooks: { password: 'p', username: 'u' } },
  })
})

afterAll(async () => {
  await app?.shutdown()
})

describe('one guard', () => {
  it('the sources have no hand-written auth check left outside src/access: no requireUser, requireAdmin, user or collection test that throws, or thrown 401', () => {
    const offenders = sourceFiles(srcDir)
      .filter(
        (file) =>
          !file.startsWith(path.join(srcDir, 'access')) &&
          !file.startsWith(path.join(srcDir, 'components')),
      )
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8')
        return [
          /requireUser/,
          /requireAdmin/,
          /if \(!req\.user\)\s*throw/,
          /req\.user\??\.collection !==/,
          /config\.admin\.user/,
          /oneToOneAccess\(/,
          /access\.(read|write)\(\{/,
          /new APIError\([^;]*,\s*401\b/,
        ]
          .filter((pattern) => pattern.test(text))
          .map((pattern) => `${path.relative(srcDir, file)}: ${pattern}`)
      })
    expect(offenders).toEqual([])
  })

  it('every registered non-public plugin endpoint answers an anonymous call with the guard’s 401', async () => {
    const api = createApiClient(app.config)
    const endpoints = (app.config.endpoints ?? []).filter((endpoint) =>
      endpoint.path.startsWith('/email-marketing/'),
    )
    const guarded = endpoints.filter((endpoint) => !publicPaths.has(endpoint.path))
    expect(guarded.length).toBeGreaterThan(25)
    const answers: Record<string, string> = {}
    for (const endpoint of guarded) {
      const method = endpoint.method.toUpperCase()
      const url = `http://localhost:3000/api${endpoint.path.replace(/:id/g, '1')}`
      const response = await api.raw(
        new Request(url, {
          body: method === 'POST' ? '{}' : undefined,
          headers: { 'content-type': 'application/json' },
          method,
        }),
      )
      const body = (await response.json()) as { errors?: { message: string }[] }
      answers[`${method} ${endpoint.path}`] = `${response.status} ${body.errors?.[0]?.message}`
    }
    const guardAnswer =
      '401 Log in as an admin user, or send an API key of one (Authorization: users API-Key <key>).'
    expect(answers).toEqual(
      Object.fromEntries(Object.keys(answers).map((key) => [key, guardAnswer])),
    )
  })
})
