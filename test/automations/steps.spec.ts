import type { CollectionSlug } from 'payload'

import { createHmac } from 'node:crypto'
import { createServer, type Server } from 'node:http'

import { enroll } from '../../src/index'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import {
  all,
  createAutomation,
  createContact,
  createList,
  createTag,
  day,
  email,
  enrollmentsOf,
  hasTag,
  historyOf,
  messagesTo,
  tickAt,
} from './automationFixtures'
import { slugs, tables } from '../helpers/slugs'

let app: TestPayload
let hookServer: Server
let hookUrl: string
const hookCalls: { body: string; headers: Record<string, string | string[] | undefined> }[] = []

beforeAll(async () => {
  app = await bootTestPayload({ name: 'automation-steps', plugin: { secret: 'step-secret' } })
  hookServer = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      hookCalls.push({ body, headers: request.headers })
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve))
  hookUrl = `http://127.0.0.1:${(hookServer.address() as { port: number }).port}/hook`
})

afterAll(async () => {
  hookServer?.close()
  await app?.shutdown()
})

/** Enrolls a new contact in a new automation with these steps and runs the engine at `now`. */
const run = async (
  address: string,
  steps: Record<string, unknown>[],
  { contact: data = {}, now = new Date() } = {},
) => {
  const { payload } = app
  const automation = await createAutomation(payload, { steps })
  const contact = await createContact(payload, address, data)
  await enroll(payload, { automationId: automation.id, contactId: contact.id, now })
  await tickAt(payload, now)
  const [enrollment] = await enrollmentsOf(payload, automation.id)
  return { automation, contact, enrollment }
}

const contactDoc = async (id: number) =>
  (await app.payload.findByID({
    collection: slugs.contacts as CollectionSlug,
    depth: 0,
    id,
  })) as unknown as Record<string, unknown> & { tags: number[] }

describe('steps', () => {
  it('send email: a Postmark template on the transactional stream', async () => {
    await run('template@example.com', [
      { blockType: 'sendEmail', mode: 'template', templateAlias: 'welcome' },
    ])
    const rows = (await app.payload.db.drizzle.execute(
      (await import('@payloadcms/db-postgres'))
        .sql`SELECT kind::text, stream, template_alias FROM ${tables.messages} WHERE to_address = 'template@example.com'`,
    )) as unknown as { rows: unknown[] }
    expect(rows.rows).toEqual([
      { kind: 'transactional', stream: 'outbound', template_alias: 'welcome' },
    ])
  })

  it('send email: skipped for an unsubscribed contact', async () => {
    const { enrollment } = await run('gone@example.com', [email('Hello')], {
      contact: { status: 'unsubscribed' },
    })
    expect(await messagesTo(app.payload, 'gone@example.com')).toEqual([])
    expect(enrollment.status).toBe('completed')
  })

  it('wait until a date, and until a weekday at a time of day in a time zone', async () => {
    const monday = new Date('2030-01-07T10:00:00Z')
    const { automation } = await run(
      'weekday@example.com',
      [
        {
          blockType: 'wait',
          mode: 'untilWeekday',
          timeOfDay: '09:00',
          timeZone: 'America/New_York',
          weekdays: ['3'],
        },
        email('Wednesday'),
        { blockType: 'wait', date: '2030-02-01T00:00:00.000Z', mode: 'untilDate' },
        email('February'),
      ],
      { now: monday },
    )
    const [waiting] = await enrollmentsOf(app.payload, automation.id)
    // Wednesday 9 January 2030, 09:00 in New York (UTC-5).
    expect(new Date(String(waiting.next_run_at)).toISOString()).toBe('2030-01-09T14:00:00.000Z')
    await tickAt(app.payload, new Date('2030-01-09T14:00:01Z'))
    expect((await messagesTo(app.payload, 'weekday@example.com')).map((m) => m.subject)).toEqual([
      'Wednesday',
    ])
    await tickAt(app.payload, new Date('2030-02-01T00:00:01Z'))
    expect((await messagesTo(app.payload, 'weekday@example.com')).map((m) => m.subject)).toEqual([
      'Wednesday',
      'February',
    ])
  })

  it('wait until a condition holds, or give up at the timeout', async () => {
    const ready = await createTag(app.payload, 'ready')
    const waitStep = {
      blockType: 'wait',
      conditions: hasTag(ready.id),
      mode: 'untilCondition',
      timeoutAmount: 2,
      timeoutUnit: 'days',
    }
    const start = new Date()
    const met = await run('cond-met@example.com', [waitStep, email('Ready')], { now: start })
    const timedOut = await run('cond-timeout@example.com', [waitStep, email('Ready')], {
      now: start,
    })
    await app.payload.update({
      collection: slugs.contacts as CollectionSlug,
      data: { tags: [ready.id] } as never,
      id: met.contact.id,
    })
    await tickAt(app.payload, new Date(start.getTime() + 20 * 60_000))
    expect(await messagesTo(app.payload, 'cond-met@example.com')).toHaveLength(1)
    expect(await messagesTo(app.payload, 'cond-timeout@example.com')).toHaveLength(0)
    await tickAt(app.payload, new Date(start.getTime() + 2 * day + 1000))
    expect(await messagesTo(app.payload, 'cond-timeout@example.com')).toHaveLength(1)
    expect((await historyOf(app.payload, timedOut.enrollment.id)).map((h) => h.outcome)).toContain(
      'timed out',
    )
  })

  it('if/else on contact conditions', async () => {
    const branch = {
      blockType: 'ifElse',
      conditions: all({
        field: 'company',
        operator: 'equals',
        type: 'contactField',
        value: 'Acme',
      }),
      no: [email('Other')],
      test: 'conditions',
      yes: [email('Acme')],
    }
    await run('acme@example.com', [branch], { contact: { company: 'Acme' } })
    await run('other@example.com', [branch], { contact: { company: 'Globex' } })
    expect((await messagesTo(app.payload, 'acme@example.com')).map((m) => m.subject)).toEqual([
      'Acme',
    ])
    expect((await messagesTo(app.payload, 'other@example.com')).map((m) => m.subject)).toEqual([
      'Other',
    ])
  })

  it('add tag, remove tag, update a field and an attribute', async () => {
    const [keep, drop] = [
      await createTag(app.payload, 'keep'),
      await createTag(app.payload, 'drop'),
    ]
    const { contact } = await run(
      'edits@example.com',
      [
        { blockType: 'addTag', tag: keep.id },
        { blockType: 'removeTag', tag: drop.id },
        { blockType: 'updateField', field: 'company', value: 'Acme' },
        { blockType: 'updateField', field: 'attributes.stage', value: 'onboarded' },
      ],
      { contact: { attributes: { plan: 'pro' }, tags: [drop.id] } },
    )
    const doc = await contactDoc(contact.id)
    expect(doc.tags).toEqual([keep.id])
    expect(doc.company).toBe('Acme')
    expect(doc.attributes).toEqual({ plan: 'pro', stage: 'onboarded' })
  })

  it('subscribe to a list and unsubscribe from another', async () => {
    const [join, leave] = [
      await createList(app.payload, 'Join'),
      await createList(app.payload, 'Leave'),
    ]
    const contact = await createContact(app.payload, 'lists@example.com')
    await app.payload.create({
      collection: slugs.subscriptions as CollectionSlug,
      data: { contact: contact.id, list: leave.id, status: 'subscribed' } as never,
    })
    const automation = await createAutomation(app.payload, {
      steps: [
        { blockType: 'subscribeList', list: join.id },
        { blockType: 'unsubscribeList', list: leave.id },
      ],
    })
    await enroll(app.payload, { automationId: automation.id, contactId: contact.id })
    await tickAt(app.payload, new Date())
    const { docs } = await app.payload.find({
      collection: slugs.subscriptions as CollectionSlug,
      depth: 0,
      sort: 'list',
      where: { contact: { equals: contact.id } },
    })
    expect(
      docs.map((doc) => [
        (doc as unknown as { list: number }).list,
        (doc as unknown as { status: string }).status,
      ]),
    ).toEqual(
      [
        [join.id, 'subscribed'],
        [leave.id, 'unsubscribed'],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    )
  })

  it('create a deal, then move it to a stage', async () => {
    const pipeline = (await app.payload.create({
      collection: slugs.pipelines as CollectionSlug,
      data: { name: 'Onboarding', stages: [{ name: 'New' }, { name: 'Active' }] } as never,
    })) as unknown as { id: number; stages: { stageId: string }[] }
    const [created, active] = pipeline.stages.map((stage) => stage.stageId)
    const { contact } = await run('dealer@example.com', [
      {
        blockType: 'createDeal',
        pipeline: pipeline.id,
        stageId: created,
        title: 'Onboarding deal',
        value: 500,
      },
      { blockType: 'moveDeal', pipeline: pipeline.id, stageId: active },
    ])
    const { docs } = await app.payload.find({
      collection: slugs.deals as CollectionSlug,
      depth: 0,
      where: { contacts: { in: [contact.id] } },
    })
    expect(
      docs.map((doc) => ({
        stage: (doc as unknown as { stage: string }).stage,
        title: (doc as unknown as { title: string }).title,
      })),
    ).toEqual([{ stage: active, title: 'Onboarding deal' }])
  })

  it('notify an admin user by email', async () => {
    const admin = await app.payload.create({
      collection: 'users',
      data: { email: 'owner@example.com', password: 'owner-password' } as never,
    })
    await run('lead@example.com', [
      {
        blockType: 'notifyAdmin',
        message: 'New lead: {{ contact.email }}',
        subject: 'Lead {{ contact.email }}',
        user: admin.id,
      },
    ])
    const [message] = await messagesTo(app.payload, 'owner@example.com')
    expect(message).toMatchObject({ kind: 'system', subject: 'Lead lead@example.com' })
    expect(message.html).toContain('New lead: lead@example.com')
  })

  it('call a webhook: POST JSON signed with HMAC-SHA256 of the body', async () => {
    const { enrollment } = await run('hooked@example.com', [{ blockType: 'webhook', url: hookUrl }])
    expect(hookCalls).toHaveLength(1)
    const [call] = hookCalls
    expect(JSON.parse(call.body)).toMatchObject({
      contact: { email: 'hooked@example.com' },
      enrollment: enrollment.id,
      step: '0',
    })
    expect(call.headers['content-type']).toBe('application/json')
    expect(call.headers['x-email-marketing-signature']).toBe(
      `sha256=${createHmac('sha256', 'step-secret').update(call.body).digest('hex')}`,
    )
    expect(enrollment.status).toBe('completed')
  })

  it('start another automation, and end stops the run', async () => {
    const follow = await createAutomation(app.payload, { steps: [email('Follow-up')] })
    const { enrollment } = await run('chain@example.com', [
      { automation: follow.id, blockType: 'startAutomation' },
      { blockType: 'end' },
      email('Never sent'),
    ])
    await tickAt(app.payload, new Date())
    expect((await messagesTo(app.payload, 'chain@example.com')).map((m) => m.subject)).toEqual([
      'Follow-up',
    ])
    expect(enrollment.status).toBe('completed')
    const [child] = await enrollmentsOf(app.payload, follow.id)
    expect(child).toMatchObject({
      state: { depth: 1, previousMessageId: expect.any(Number) },
      status: 'completed',
    })
  })
})
