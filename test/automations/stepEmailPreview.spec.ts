import { sql } from '@payloadcms/db-postgres'

import { rowsOf } from '../../src/utilities/db'
import { createApiClient } from '../helpers/apiClient'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { slugs, tables } from '../helpers/slugs'

let app: TestPayload
let api: ReturnType<typeof createApiClient>
let token: string

const paragraph = (text: string) => ({
  root: {
    children: [
      {
        children: [
          { detail: 0, format: 0, mode: 'normal', style: '', text, type: 'text', version: 1 },
        ],
        direction: 'ltr',
        format: '',
        indent: 0,
        type: 'paragraph',
        version: 1,
      },
    ],
    direction: 'ltr',
    format: '',
    indent: 0,
    type: 'root',
    version: 1,
  },
})

const step = {
  body: paragraph('Hello {{ contact.firstName | default: "there" }}, welcome.'),
  preheader: 'A short hello',
  subject: 'Welcome {{ contact.firstName }}',
}

beforeAll(async () => {
  app = await bootTestPayload({ cacheKey: 'default', name: 'step-email-preview' })
  api = createApiClient(app.config)
  await app.payload.create({
    collection: 'users',
    data: { email: 'editor@example.com', password: 'editor-password' },
  })
  await app.payload.create({
    collection: slugs.contacts,
    data: { email: 'ada@example.com', firstName: 'Ada' } as never,
  })
  token = (
    await api.rest('POST', '/users/login', {
      body: { email: 'editor@example.com', password: 'editor-password' },
    })
  ).body.token
})

afterAll(async () => {
  await app?.shutdown()
})

describe('POST /api/email-marketing/automations/email-preview', () => {
  it('renders the unsaved step as the contact with that address', async () => {
    const response = await api.rest('POST', '/email-marketing/automations/email-preview', {
      body: { contact: 'ADA@example.com', step },
      token,
    })
    expect(response.status).toBe(200)
    expect(response.body.subject).toBe('Welcome Ada')
    expect(response.body.html).toContain('Hello Ada, welcome.')
    expect(response.body.text).toContain('Hello Ada, welcome.')
  })

  it('renders for a sample contact when none is named', async () => {
    const response = await api.rest('POST', '/email-marketing/automations/email-preview', {
      body: { step },
      token,
    })
    expect(response.status).toBe(200)
    expect(response.body.subject).toBe('Welcome Sample')
  })

  it.each([
    ['no user', { step }, undefined, 401, undefined],
    ['no step', {}, 'token', 400, 'Send { "step": { "subject", "preheader", "body" } }.'],
    [
      'a step that is a list',
      { step: [] },
      'token',
      400,
      'Send { "step": { "subject", "preheader", "body" } }.',
    ],
    ['no subject', { step: { body: step.body } }, 'token', 400, 'Give the email a subject first.'],
    [
      'a subject that is not text',
      { step: { subject: 5 } },
      'token',
      400,
      'The subject must be text.',
    ],
    [
      'a body that is not rich text',
      { step: { ...step, body: 'plain' } },
      'token',
      400,
      'The email body must be rich text (a Lexical editor state).',
    ],
    [
      'a broken rich text body',
      { step: { ...step, body: { root: { children: 'x' } } } },
      'token',
      400,
      undefined,
    ],
    [
      'broken Liquid',
      { step: { ...step, subject: 'Hi {{ contact.firstName' } },
      'token',
      400,
      undefined,
    ],
    [
      'an unknown contact',
      { contact: 'nobody@example.com', step },
      'token',
      400,
      'No contact has the address nobody@example.com.',
    ],
    [
      'a contact that is not text',
      { contact: 7, step },
      'token',
      400,
      '`contact` must be a string.',
    ],
  ])('answers %s with %s', async (_, body, auth, status, message) => {
    const response = await api.rest('POST', '/email-marketing/automations/email-preview', {
      body,
      token: auth ? token : undefined,
    })
    expect(response.status).toBe(status)
    if (message) expect(response.body.errors[0].message).toBe(message)
  })
})

describe('POST /api/email-marketing/automations/email-test', () => {
  it('queues a [Test] copy, personalised for a known address, ahead of broadcast mail', async () => {
    const response = await api.rest('POST', '/email-marketing/automations/email-test', {
      body: { step, to: 'ada@example.com' },
      token,
    })
    expect(response).toMatchObject({ body: { queued: 1, to: 'ada@example.com' }, status: 200 })
    const rows = rowsOf<{ kind: string; subject: string; to_address: string }>(
      await app.payload.db.drizzle.execute(
        sql`SELECT kind::text, subject, to_address FROM ${tables.messages} WHERE subject LIKE '[Test]%'`,
      ),
    )
    expect(rows).toEqual([
      { kind: 'transactional', subject: '[Test] Welcome Ada', to_address: 'ada@example.com' },
    ])
  })

  it.each([
    ['no user', { step, to: 'ada@example.com' }, undefined, 401],
    ['no address', { step }, 'token', 400],
    ['not an address', { step, to: 'not-an-address' }, 'token', 400],
    ['no step', { to: 'ada@example.com' }, 'token', 400],
  ])('answers %s with %s', async (_, body, auth, status) => {
    const response = await api.rest('POST', '/email-marketing/automations/email-test', {
      body,
      token: auth ? token : undefined,
    })
    expect(response.status).toBe(status)
  })
})
