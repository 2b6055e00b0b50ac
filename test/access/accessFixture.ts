import type { Payload, SanitizedConfig } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'

import type { EmailMarketingPluginOptions } from '../../src/types'

import { rowsOf } from '../../src/utilities/db'
import { tableNames } from '../helpers/slugs'

export type Caller = 'admin' | 'anonymous' | 'apiKey' | 'customer' | 'deniedAdmin'
export const callers: Caller[] = ['anonymous', 'customer', 'deniedAdmin', 'admin', 'apiKey']

export const backendApiKey = '7d4f1c2e-backend-api-key-for-tests'

const hasRole = (user: unknown, role: string) =>
  Array.isArray((user as { roles?: unknown })?.roles) &&
  (user as { roles: string[] }).roles.includes(role)

/**
 * The least-privilege setup of the README: editors need the `admin` role; the backend's API-key user
 * has only `mailer`, which allows transactional email and events and nothing else.
 */
export const leastPrivilegeOptions: Partial<EmailMarketingPluginOptions> = {
  access: {
    read: ({ req }) => hasRole(req.user, 'admin'),
    write: ({ req }) => hasRole(req.user, 'admin'),
  },
  eventsAccess: ({ req }) => hasRole(req.user, 'admin') || hasRole(req.user, 'mailer'),
  transactionalAccess: ({ req }) => hasRole(req.user, 'admin') || hasRole(req.user, 'mailer'),
}

const handlers = { DELETE: REST_DELETE, GET: REST_GET, PATCH: REST_PATCH, POST: REST_POST }

export type Credentials = Record<Caller, Record<string, string>>

/** Creates one user per caller kind; the customer signs up over REST, as anyone on the site can. */
export const createCallers = async (
  payload: Payload,
  config: SanitizedConfig,
): Promise<Credentials> => {
  await payload.create({
    collection: 'users',
    data: { email: 'admin@example.com', password: 'admin-password', roles: ['admin'] } as never,
  })
  await payload.create({
    collection: 'users',
    data: { email: 'denied@example.com', password: 'denied-password', roles: ['sales'] } as never,
  })
  await payload.create({
    collection: 'users',
    data: {
      apiKey: backendApiKey,
      email: 'backend@example.com',
      enableAPIKey: true,
      password: 'backend-password',
      roles: ['mailer'],
    } as never,
  })
  const signUp = await rest(config, {}, 'POST', '/customers', {
    email: 'shopper@example.com',
    password: 'shopper-password',
  })
  if (signUp.status !== 201)
    throw new Error(
      `customer self-registration failed: ${signUp.status} ${JSON.stringify(signUp.body)}`,
    )
  const login = async (collection: string, email: string, password: string) => {
    const response = await rest(config, {}, 'POST', `/${collection}/login`, { email, password })
    if (!response.body?.token)
      throw new Error(`login of ${email} failed: ${JSON.stringify(response.body)}`)
    return { authorization: `JWT ${response.body.token}` }
  }
  return {
    admin: await login('users', 'admin@example.com', 'admin-password'),
    anonymous: {},
    apiKey: { authorization: `users API-Key ${backendApiKey}` },
    customer: await login('customers', 'shopper@example.com', 'shopper-password'),
    deniedAdmin: await login('users', 'denied@example.com', 'denied-password'),
  }
}

export type Answer = { body: any; status: number }

/** One call through the app's REST route handler, as Next.js makes it. */
export const rest = async (
  config: SanitizedConfig,
  headers: Record<string, string>,
  method: keyof typeof handlers,
  path: string,
  body?: unknown,
): Promise<Answer> => {
  const url = new URL(`http://localhost:3000/api${path}`)
  const request = new Request(url, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
    method,
  })
  const response = await handlers[method](config)(request, {
    params: Promise.resolve({ slug: url.pathname.replace(/^\/api\//, '').split('/') }),
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    // CSV and HTML answers stay text
  }
  return { body: parsed, status: response.status }
}

export const graphql = async (
  config: SanitizedConfig,
  headers: Record<string, string>,
  query: string,
): Promise<Answer> => {
  const response = await GRAPHQL_POST(config)(
    new Request('http://localhost:3000/api/graphql', {
      body: JSON.stringify({ query }),
      headers: { 'content-type': 'application/json', ...headers },
      method: 'POST',
    }),
  )
  return { body: await response.json(), status: response.status }
}

const watchedTables = (
  [
    'automationEvents',
    'automations',
    'campaigns',
    'contactImports',
    'contacts',
    'deals',
    'enrollments',
    'erasedAddresses',
    'layouts',
    'lists',
    'messageEvents',
    'messages',
    'pipelines',
    'segments',
    'subscriptions',
    'tags',
    'transactionalTemplates',
  ] as const
).map((key) => tableNames[key])

/** Row count and checksum (updated_at included) of every plugin table a caller could change. */
export const databaseState = async (payload: Payload): Promise<Record<string, string>> => {
  const state: Record<string, string> = {}
  for (const table of watchedTables) {
    const [row] = rowsOf<{ checksum: null | string; count: number }>(
      await payload.db.drizzle.execute(
        sql`SELECT count(*)::int AS count, md5(string_agg(t::text, '|' ORDER BY t.id)) AS checksum FROM ${sql.identifier(table)} t`,
      ),
    )
    state[table] = `${row!.count}:${row!.checksum ?? ''}`
  }
  return state
}
