import type { SanitizedConfig } from 'payload'

import {
  GRAPHQL_POST,
  REST_DELETE,
  REST_GET,
  REST_OPTIONS,
  REST_PATCH,
  REST_POST,
} from '@payloadcms/next/routes'

const handlers = { DELETE: REST_DELETE, GET: REST_GET, PATCH: REST_PATCH, POST: REST_POST }
const rawHandlers = { ...handlers, OPTIONS: REST_OPTIONS }

export type ApiResponse = { body: any; status: number }

/**
 * Calls the app's REST and GraphQL route handlers the way Next.js does, without a server, so
 * tests exercise Payload's real HTTP auth and access control.
 */
export const createApiClient = (config: SanitizedConfig, baseUrl = 'http://localhost:3000') => {
  const headers = (token?: string): HeadersInit => ({
    'content-type': 'application/json',
    ...(token ? { authorization: `JWT ${token}` } : {}),
  })
  const read = async (response: Response): Promise<ApiResponse> => {
    const text = await response.text()
    return { body: text ? JSON.parse(text) : null, status: response.status }
  }
  return {
    graphql: async (query: string, token?: string): Promise<ApiResponse> =>
      read(
        await GRAPHQL_POST(config)(
          new Request(`${baseUrl}/api/graphql`, {
            body: JSON.stringify({ query }),
            headers: headers(token),
            method: 'POST',
          }),
        ),
      ),
    /** Any Request (its own method, headers and body) through the REST route handler; the raw Response back. */
    raw: async (request: Request): Promise<Response> => {
      const handler = rawHandlers[request.method as keyof typeof rawHandlers]
      if (!handler) throw new Error(`No route handler for ${request.method}`)
      const slug = new URL(request.url).pathname.replace(/^\/api\//, '').split('/')
      return handler(config)(request, { params: Promise.resolve({ slug }) })
    },
    rest: async (
      method: keyof typeof handlers,
      path: string,
      { body, token }: { body?: unknown; token?: string } = {},
    ): Promise<ApiResponse> => {
      const url = new URL(`${baseUrl}/api${path}`)
      const slug = url.pathname.replace(/^\/api\//, '').split('/')
      const request = new Request(url, {
        body: body ? JSON.stringify(body) : undefined,
        headers: headers(token),
        method,
      })
      return read(await handlers[method](config)(request, { params: Promise.resolve({ slug }) }))
    },
  }
}
