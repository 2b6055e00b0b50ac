import { Errors, ServerClient } from 'postmark'

import { type FakePostmark, startFakePostmark } from './fakePostmarkServer.js'

const TOKEN = 'test-server-token'
const FROM = 'Sender <sender@example.com>'

const clientFor = (fake: FakePostmark, options: { token?: string; timeout?: number } = {}) =>
  new ServerClient(options.token ?? TOKEN, {
    useHttps: false,
    requestHost: fake.host,
    timeout: options.timeout ?? 10,
  })

const email = (to: string, messageId: string) => ({
  From: FROM,
  To: to,
  Subject: `Hello ${messageId}`,
  HtmlBody: '<p>Hi</p>',
  TextBody: 'Hi',
  MessageStream: 'broadcast',
  Metadata: { messageId },
  Tag: 'campaign',
})

/** Resolves to the error the promise rejects with; fails if it resolves. */
async function errorOf(promise: Promise<unknown>): Promise<Errors.PostmarkError> {
  try {
    await promise
  } catch (error) {
    return error as Errors.PostmarkError
  }
  throw new Error('expected the call to fail')
}

describe('fake Postmark server with the official postmark client', () => {
  let fake: FakePostmark
  let client: ServerClient

  beforeAll(async () => {
    fake = await startFakePostmark({ serverToken: TOKEN })
    client = clientFor(fake)
  })
  afterAll(async () => {
    await fake.close()
  })
  beforeEach(() => {
    fake.reset()
    fake.inactiveRecipients.clear()
  })

  it('records a single send', async () => {
    const response = await client.sendEmail({
      ...email('"Doe, Jane" <jane@example.com>', 'm-1'),
      TrackLinks: 'HtmlAndText' as never,
    })
    expect(response.ErrorCode).toBe(0)
    expect(response.Message).toBe('OK')
    expect(response.MessageID).toMatch(/^[0-9a-f-]{36}$/)
    expect(response.To).toBe('"Doe, Jane" <jane@example.com>')
    expect(fake.accepted).toHaveLength(1)
    expect(fake.accepted[0]).toMatchObject({
      MessageID: response.MessageID,
      From: FROM,
      Subject: 'Hello m-1',
      MessageStream: 'broadcast',
      Metadata: { messageId: 'm-1' },
      TrackLinks: 'HtmlAndText',
      requestIndex: 0,
    })
    expect(fake.accepted[0].ReceivedAt).toBeInstanceOf(Date)
    expect(fake.requests).toEqual([
      { method: 'POST', path: '/email', status: 200, at: expect.any(Date) },
    ])
    expect(fake.countFor('JANE@example.com')).toBe(1)
    expect(fake.acceptedWithMessageId('m-1')).toHaveLength(1)
  })

  it('defaults MessageStream to outbound and reports duplicates', async () => {
    const { MessageStream: _ignored, ...withoutStream } = email('a@example.com', 'dup')
    await client.sendEmail(withoutStream)
    await client.sendEmail(withoutStream)
    expect(fake.accepted.map((m) => m.MessageStream)).toEqual(['outbound', 'outbound'])
    expect(fake.duplicates()).toEqual(['dup'])
  })

  it('answers a batch per element: 0 / 300 / 406, and records only the valid one', async () => {
    fake.inactiveRecipients.add('bounced@example.com')
    const results = await client.sendEmailBatch([
      email('ok@example.com', 'b-1'),
      email('not-an-email', 'b-2'),
      email('Bounced <Bounced@Example.com>', 'b-3'),
    ])
    expect(results.map((r) => r.ErrorCode)).toEqual([0, 300, 406])
    expect(results[0].MessageID).toBeTruthy()
    expect(results[1].MessageID).toBeUndefined()
    expect(results[1].Message).toContain('not-an-email')
    expect(results[2].Message).toContain('inactive')
    expect(fake.accepted.map((m) => m.Metadata?.messageId)).toEqual(['b-1'])
    expect(fake.requests[0]).toMatchObject({ path: '/email/batch', batchSize: 3, status: 200 })
  })

  it('refuses a single send to an inactive recipient with InactiveRecipientsError', async () => {
    fake.inactiveRecipients.add('gone@example.com')
    const error = await errorOf(client.sendEmail(email('gone@example.com', 'i-1')))
    expect(error).toBeInstanceOf(Errors.InactiveRecipientsError)
    expect(error).toMatchObject({ statusCode: 422, code: 406, recipients: ['gone@example.com'] })
    expect(fake.accepted).toHaveLength(0)
  })

  it('refuses a batch of 501', async () => {
    const batch = Array.from({ length: 501 }, (_, i) => email(`r${i}@example.com`, `big-${i}`))
    const error = await errorOf(client.sendEmailBatch(batch))
    expect(error).toBeInstanceOf(Errors.ApiInputError)
    expect(error.statusCode).toBe(422)
    expect(error.code).toBe(410)
    expect(error.message).toContain('Too many messages in batch')
    expect(fake.accepted).toHaveLength(0)
    expect(fake.requests[0]).toMatchObject({ batchSize: 501, status: 422 })
  })

  it('answers 401 / ErrorCode 10 without a token or with a wrong one', async () => {
    const response = await fetch(`${fake.url}/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(email('a@example.com', 'no-token')),
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({
      ErrorCode: 10,
      Message: expect.stringContaining('No Account or Server API tokens'),
    })

    const error = await errorOf(
      clientFor(fake, { token: 'wrong' }).sendEmail(email('a@example.com', 'bad-token')),
    )
    expect(error).toBeInstanceOf(Errors.InvalidAPIKeyError)
    expect(error).toMatchObject({ statusCode: 401, code: 10 })
    expect(fake.accepted).toHaveLength(0)
  })

  it('answers 422 / 402 to invalid JSON', async () => {
    const response = await fetch(`${fake.url}/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Postmark-Server-Token': TOKEN },
      body: '{"From": ',
    })
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({
      ErrorCode: 402,
      Message: 'Received invalid JSON input.',
    })
  })

  it('validates messages like Postmark', async () => {
    const cases: [string, Record<string, unknown>][] = [
      [
        'non-string Metadata',
        { ...email('a@example.com', 'x'), Metadata: { messageId: 'x', attempt: 2 } },
      ],
      ['missing From', { ...email('a@example.com', 'x'), From: undefined }],
      ['missing To', { ...email('a@example.com', 'x'), To: '' }],
      ['missing Subject', { ...email('a@example.com', 'x'), Subject: undefined }],
      ['no body', { ...email('a@example.com', 'x'), HtmlBody: undefined, TextBody: undefined }],
      ['bad TrackLinks', { ...email('a@example.com', 'x'), TrackLinks: 'Always' }],
      ['empty MessageStream', { ...email('a@example.com', 'x'), MessageStream: '' }],
      [
        '51 To',
        { ...email(Array.from({ length: 51 }, (_, i) => `r${i}@example.com`).join(', '), 'x') },
      ],
      ['bad Cc', { ...email('a@example.com', 'x'), Cc: 'ok@example.com, nope' }],
    ]
    for (const [label, message] of cases) {
      const error = await errorOf(client.sendEmail(message as never))
      expect([label, error.constructor.name, error.statusCode, error.code]).toEqual([
        label,
        'InvalidEmailRequestError',
        422,
        300,
      ])
    }
    expect(fake.accepted).toHaveLength(0)
    // 50 recipients is fine.
    await client.sendEmail(
      email(Array.from({ length: 50 }, (_, i) => `r${i}@example.com`).join(','), 'fifty'),
    )
    expect(fake.accepted).toHaveLength(1)
  })

  it.each([
    [429, Errors.RateLimitExceededError],
    [500, Errors.InternalServerError],
    [503, Errors.ServiceUnavailablerError],
  ] as const)('surfaces an injected %i and then recovers', async (status, errorClass) => {
    fake.inject({ kind: 'status', status })
    const error = await errorOf(client.sendEmail(email('a@example.com', `f-${status}`)))
    expect(error).toBeInstanceOf(errorClass)
    expect(error.name).toBe(errorClass.name)
    expect(error.statusCode).toBe(status)
    expect(fake.accepted).toHaveLength(0)

    const retry = await client.sendEmail(email('a@example.com', `f-${status}`))
    expect(retry.ErrorCode).toBe(0)
    expect(fake.accepted).toHaveLength(1)
    expect(fake.requests.map((r) => r.status)).toEqual([status, 200])
    expect(fake.accepted[0].requestIndex).toBe(1)
  })

  it('surfaces a dropped connection as a bare PostmarkError with statusCode 0, then recovers', async () => {
    fake.inject({ kind: 'drop' })
    const error = await errorOf(client.sendEmailBatch([email('a@example.com', 'd-1')]))
    expect(error.constructor).toBe(Errors.PostmarkError)
    expect(error).toMatchObject({
      name: 'PostmarkError',
      statusCode: 0,
      code: 0,
      message: 'socket hang up',
    })
    expect(fake.accepted).toHaveLength(0)
    expect(fake.requests[0]).toMatchObject({ path: '/email/batch', batchSize: 1, status: 0 })

    const retry = await client.sendEmailBatch([email('a@example.com', 'd-1')])
    expect(retry[0].ErrorCode).toBe(0)
    expect(fake.accepted).toHaveLength(1)
  })

  it('consumes faults FIFO, `times` per fault, only on matching paths', async () => {
    fake.inject({ kind: 'status', status: 500, path: '/email/batch', times: 2 })
    fake.inject({ kind: 'status', status: 429 })
    await client
      .sendEmail(email('a@example.com', 'p-1')) // takes the 429 (first matching fault for /email)
      .then(
        () => {
          throw new Error('expected 429')
        },
        (error: Errors.PostmarkError) => expect(error.statusCode).toBe(429),
      )
    await client.sendEmail(email('a@example.com', 'p-2'))
    expect((await errorOf(client.sendEmailBatch([email('a@example.com', 'p-3')]))).statusCode).toBe(
      500,
    )
    expect((await errorOf(client.sendEmailBatch([email('a@example.com', 'p-3')]))).statusCode).toBe(
      500,
    )
    await client.sendEmailBatch([email('a@example.com', 'p-3')])
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200, 500, 500, 200])

    fake.inject({ kind: 'drop', times: 5 })
    fake.clearFaults()
    await client.sendEmail(email('a@example.com', 'p-4'))
    expect(fake.accepted).toHaveLength(3)
  })

  it('finds accepted messages by metadata_messageId in the outbound search', async () => {
    await client.sendEmailBatch([
      email('one@example.com', 'search-1'),
      email('Two <two@example.com>', 'search-2'),
    ])
    const found = await client.getOutboundMessages({
      count: 10,
      offset: 0,
      metadata_messageId: 'search-2',
    })
    expect(Number(found.TotalCount)).toBe(1)
    expect(found.Messages).toHaveLength(1)
    expect(found.Messages[0]).toMatchObject({
      MessageID: fake.acceptedWithMessageId('search-2')[0].MessageID,
      To: [{ Email: 'two@example.com', Name: 'Two' }],
      Recipients: ['two@example.com'],
      Status: 'Sent',
      Metadata: { messageId: 'search-2' },
      MessageStream: 'broadcast',
      Tag: 'campaign',
    })
    expect(new Date(found.Messages[0].ReceivedAt).getTime()).toBe(
      fake.accepted[1].ReceivedAt.getTime(),
    )

    const missing = await client.getOutboundMessages({
      count: 10,
      offset: 0,
      metadata_messageId: 'unknown',
    })
    expect(Number(missing.TotalCount)).toBe(0)
    expect(missing.Messages).toEqual([])

    const all = await client.getOutboundMessages({
      count: 1,
      offset: 0,
      tag: 'campaign',
      messageStream: 'broadcast',
    })
    expect(all.TotalCount).toBe(2)
    expect(all.Messages.map((m) => m.Metadata.messageId)).toEqual(['search-2']) // newest first
    expect(
      (await client.getOutboundMessages({ count: 10, offset: 0, recipient: 'ONE@example.com' }))
        .TotalCount,
    ).toBe(1)
  })

  it('requires count between 1 and 500 in the outbound search', async () => {
    for (const query of ['offset=0', 'count=0&offset=0', 'count=501&offset=0']) {
      const response = await fetch(`${fake.url}/messages/outbound?${query}`, {
        headers: { 'X-Postmark-Server-Token': TOKEN, Accept: 'application/json' },
      })
      expect([query, response.status]).toEqual([query, 422])
    }
  })

  it('records TemplateAlias and TemplateModel for template sends', async () => {
    const model = { name: 'Jane', items: [1, 2] }
    const response = await client.sendEmailWithTemplate({
      From: FROM,
      To: 'jane@example.com',
      TemplateAlias: 'welcome',
      TemplateModel: model,
      Metadata: { messageId: 't-1' },
    })
    expect(response.ErrorCode).toBe(0)
    const results = await client.sendEmailBatchWithTemplates([
      { From: FROM, To: 'joe@example.com', TemplateId: 42, TemplateModel: {} },
      { From: FROM, To: 'joe@example.com', TemplateModel: {} } as never,
    ])
    expect(results.map((r) => r.ErrorCode)).toEqual([0, 300])
    expect(
      fake.accepted.map(({ TemplateAlias, TemplateId, TemplateModel }) => ({
        TemplateAlias,
        TemplateId,
        TemplateModel,
      })),
    ).toEqual([
      { TemplateAlias: 'welcome', TemplateId: undefined, TemplateModel: model },
      { TemplateAlias: undefined, TemplateId: 42, TemplateModel: {} },
    ])
    expect(fake.requests.map((r) => [r.path, r.batchSize])).toEqual([
      ['/email/withTemplate', undefined],
      ['/email/batchWithTemplates', 2],
    ])
  })

  it('answers 404 for unknown endpoints', async () => {
    const response = await fetch(`${fake.url}/nope`, {
      headers: { 'X-Postmark-Server-Token': TOKEN },
    })
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ ErrorCode: 404 })
  })
})

describe('fake Postmark latency', () => {
  it('delays every answer by at least latencyMs, and setLatency changes it', async () => {
    const fake = await startFakePostmark({ latencyMs: 150 })
    try {
      const client = clientFor(fake, { token: 'any-token' })
      let started = performance.now()
      await client.sendEmail(email('a@example.com', 'l-1'))
      expect(performance.now() - started).toBeGreaterThanOrEqual(150)

      fake.setLatency(250)
      started = performance.now()
      await client.sendEmailBatch([email('a@example.com', 'l-2')])
      expect(performance.now() - started).toBeGreaterThanOrEqual(250)
    } finally {
      await fake.close()
    }
  })

  it('a client timeout is a bare PostmarkError with statusCode 0, and the message is still recorded', async () => {
    const fake = await startFakePostmark({ latencyMs: 400 })
    try {
      const client = clientFor(fake, { token: 'any-token', timeout: 0.1 })
      const error = await errorOf(client.sendEmail(email('a@example.com', 'timeout-1')))
      expect(error).toMatchObject({
        name: 'PostmarkError',
        statusCode: 0,
        code: 0,
        message: 'timeout of 100ms exceeded',
      })
      const deadline = Date.now() + 2000
      while (fake.accepted.length === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20))
      expect(fake.accepted).toHaveLength(1)
    } finally {
      await fake.close()
    }
  })
})
