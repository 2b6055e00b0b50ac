import { drainOutbox } from '../../src/sending/drainOutbox'
import { sendCampaign } from '../../src/index'
import { createApiClient } from '../helpers/apiClient'
import { bootSendingApp, type SendingApp } from '../helpers/bootSendingApp'
import { createCampaign, createList, paragraph, sendToCompletion } from './campaignFixtures'
import { slugs } from '../helpers/slugs'
import { editorToken } from '../helpers/editorToken'

let app: SendingApp
let api: ReturnType<typeof createApiClient>
let token: string

beforeAll(async () => {
  app = await bootSendingApp({ cacheKey: 'default', name: 'campaign_composer' })
  api = createApiClient(app.config)
  token = await editorToken(app.payload, 'composer@example.com')
})

afterAll(async () => {
  await app?.shutdown()
})

const contact = async (email: string, data: Record<string, unknown> = {}) =>
  (
    await app.payload.create({
      collection: slugs.contacts,
      data: { email, firstName: email.split('@')[0], ...data } as never,
    })
  ).id as number

const subscribe = (contactId: number, listId: number, status = 'subscribed') =>
  app.payload.create({
    collection: slugs.subscriptions,
    data: { contact: contactId, list: listId, status } as never,
  })

describe('GET campaigns/:id/review', () => {
  it('shows the audience with its breakdown, the sender, subject, preheader, layout and checklist', async () => {
    const news = await createList(app.payload, 'Review news')
    const offers = await createList(app.payload, 'Review offers')
    const staff = await createList(app.payload, 'Review staff')
    for (const name of ['ann', 'bob', 'cat'])
      await subscribe(await contact(`${name}@review.example.com`), news)
    const both = await contact('both@review.example.com')
    await subscribe(both, news)
    await subscribe(both, offers)
    await subscribe(await contact('pending@review.example.com'), news, 'pending')
    const employee = await contact('staff@review.example.com')
    await subscribe(employee, news)
    await subscribe(employee, staff)
    const vip = await contact('vip@review.example.com', { company: 'Review VIP' })
    await subscribe(vip, offers)
    const segment = await app.payload.create({
      collection: slugs.segments,
      data: {
        groups: [
          {
            conditions: [
              { field: 'company', operator: 'equals', type: 'contactField', value: 'Review VIP' },
            ],
            match: 'all',
          },
        ],
        match: 'all',
        name: 'Review VIPs',
      } as never,
    })
    const id = await createCampaign(app.payload, {
      audience: { excludedLists: [staff], excludedSegments: [segment.id], lists: [news, offers] },
      fromEmail: 'hello@example.com',
      fromName: 'Hello team',
    })

    const review = await api.rest('GET', `/email-marketing/campaigns/${id}/review`, { token })

    expect(review.status).toBe(200)
    expect(review.body.audience).toEqual({
      excludedLists: [{ contacts: 1, id: staff, name: 'Review staff' }],
      excludedSegments: [{ contacts: 1, id: segment.id, name: 'Review VIPs' }],
      lists: [
        { contacts: 5, id: news, name: 'Review news' },
        { contacts: 2, id: offers, name: 'Review offers' },
      ],
      matching: 6,
      recipients: 4,
      segment: null,
    })
    expect(review.body).toMatchObject({
      layout: { name: 'Fixture layout' },
      preheader: 'This month in brief',
      sender: { address: 'hello@example.com', name: 'Hello team' },
      subject: 'News for {{ contact.firstName }}',
    })
    expect(review.body.checklist.blocking).toBe(false)
    expect(Array.isArray(review.body.checklist.findings)).toBe(true)
  })

  it('shows a blocking checklist item for an empty audience and counts nobody', async () => {
    const id = await createCampaign(app.payload, { name: 'Nobody' })
    const review = await api.rest('GET', `/email-marketing/campaigns/${id}/review`, { token })
    expect(review.status).toBe(200)
    expect(review.body.audience).toMatchObject({ lists: [], recipients: 0, segment: null })
    expect(review.body.checklist.blocking).toBe(true)
    expect(
      review.body.checklist.findings.map((finding: { code: string }) => finding.code),
    ).toContain('audience')
  })

  it('answers 400 for a malformed id, 404 for an unknown campaign and 401 without a user', async () => {
    const malformed = await api.rest('GET', '/email-marketing/campaigns/abc/review', { token })
    expect(malformed.status).toBe(400)
    expect(malformed.body.errors[0].message).toBe(
      'The campaign id must be a positive whole number.',
    )
    expect(
      (await api.rest('GET', '/email-marketing/campaigns/999999/review', { token })).status,
    ).toBe(404)
    const id = await createCampaign(app.payload, { name: 'Anonymous review' })
    expect((await api.rest('GET', `/email-marketing/campaigns/${id}/review`)).status).toBe(401)
  })
})

describe('GET merge-tags', () => {
  it('lists contact fields, the attribute keys found in the data, the links and the campaign name', async () => {
    await contact('attributes@example.com', {
      attributes: { 'favourite colour': 'teal', plan: 'pro' },
    })
    const answer = await api.rest('GET', '/email-marketing/merge-tags', { token })
    expect(answer.status).toBe(200)
    const liquid = answer.body.tags.map((tag: { liquid: string }) => tag.liquid)
    expect(liquid).toEqual(
      expect.arrayContaining([
        '{{ contact.firstName }}',
        '{{ contact.email }}',
        '{{ contact.attributes.plan }}',
        '{{ contact.attributes["favourite colour"] }}',
        '{{ unsubscribe_url }}',
        '{{ preferences_url }}',
        '{{ campaign.name }}',
      ]),
    )
    expect((await api.rest('GET', '/email-marketing/merge-tags')).status).toBe(401)
  })
})

describe('POST campaigns/:id/test with a picked contact', () => {
  it("renders every test with the picked contact's data", async () => {
    const list = await createList(app.payload, 'Test-as list')
    const ada = await contact('ada@lovelace.example.com', {
      attributes: { plan: 'analytical' },
      firstName: 'Ada',
    })
    const id = await createCampaign(app.payload, {
      audience: { lists: [list] },
      content: paragraph('Hi {{ contact.firstName }} on {{ contact.attributes.plan }}'),
      subject: 'Spring sale, {{ contact.firstName | default: "friend" }}!',
    })
    app.postmark.reset()
    const sent = await api.rest('POST', `/email-marketing/campaigns/${id}/test`, {
      body: { addresses: 'qa@example.com', contact: ada },
      token,
    })
    expect(sent.status).toBe(200)
    expect(sent.body).toEqual({
      addresses: ['qa@example.com'],
      contact: 'ada@lovelace.example.com',
      queued: 1,
    })
    await drainOutbox(app.payload)
    expect(app.postmark.accepted).toHaveLength(1)
    expect(app.postmark.accepted[0]).toMatchObject({
      Subject: '[Test] Spring sale, Ada!',
      To: 'qa@example.com',
    })
    expect(app.postmark.accepted[0]?.HtmlBody).toContain('Hi Ada on analytical')
  })

  it('answers 400 for a contact that is not an id or does not exist, and queues nothing', async () => {
    const id = await createCampaign(app.payload, { name: 'Bad test contact' })
    app.postmark.reset()
    const notAnId = await api.rest('POST', `/email-marketing/campaigns/${id}/test`, {
      body: { addresses: 'qa@example.com', contact: 'ada' },
      token,
    })
    expect(notAnId.status).toBe(400)
    expect(notAnId.body.errors[0].message).toBe(
      'contact must be the id of a contact (a positive whole number).',
    )
    const unknown = await api.rest('POST', `/email-marketing/campaigns/${id}/test`, {
      body: { addresses: 'qa@example.com', contact: 999999 },
      token,
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors[0].message).toBe('Contact 999999 does not exist.')
    await drainOutbox(app.payload)
    expect(app.postmark.accepted).toHaveLength(0)
  })
})

describe('preferences_url', () => {
  it("becomes the recipient's signed preferences link in a sent campaign", async () => {
    const list = await createList(app.payload, 'Preferences list')
    await subscribe(await contact('prefs@example.com'), list)
    const id = await createCampaign(app.payload, {
      audience: { lists: [list] },
      content: paragraph('Manage your email: {{ preferences_url }}'),
    })
    app.postmark.reset()
    await sendCampaign(app.payload, id)
    await sendToCompletion(app.payload, id)
    const [email] = app.postmark.accepted
    expect(email?.To).toBe('prefs@example.com')
    expect(email?.HtmlBody).toMatch(/\/email-marketing\/preferences\?token=[\w-]+/)
    expect(email?.TextBody).toMatch(/\/email-marketing\/preferences\?token=[\w-]+/)
    expect(email?.HtmlBody).not.toContain('preferences.invalid')
  })
})

describe('POST campaigns/:id/schedule with a time zone', () => {
  it('keeps the zone the time was chosen in next to scheduledAt; unscheduling clears both', async () => {
    const list = await createList(app.payload, 'Scheduled readers')
    await subscribe(await contact('zone@schedule.example.com'), list)
    const id = await createCampaign(app.payload, { audience: { lists: [list] }, name: 'Zoned' })
    const at = new Date(Date.now() + 86_400_000)
    at.setUTCSeconds(0, 0)
    const scheduled = await api.rest('POST', `/email-marketing/campaigns/${id}/schedule`, {
      body: { at: at.toISOString(), timeZone: 'Europe/Berlin' },
      token,
    })
    expect(scheduled.status).toBe(200)
    const saved = await app.payload.findByID({ collection: slugs.campaigns, depth: 0, id })
    expect(saved).toMatchObject({ scheduledTimeZone: 'Europe/Berlin', status: 'scheduled' })
    expect(new Date(saved.scheduledAt as string).toISOString()).toBe(at.toISOString())

    await api.rest('POST', `/email-marketing/campaigns/${id}/unschedule`, { body: {}, token })
    const draft = await app.payload.findByID({ collection: slugs.campaigns, depth: 0, id })
    expect(draft).toMatchObject({ scheduledAt: null, scheduledTimeZone: null, status: 'draft' })
  })

  it('answers 400 for a zone that is not an IANA name and leaves the campaign a draft', async () => {
    const list = await createList(app.payload, 'Badly zoned readers')
    await subscribe(await contact('badzone@schedule.example.com'), list)
    const id = await createCampaign(app.payload, { audience: { lists: [list] }, name: 'Bad zone' })
    const answer = await api.rest('POST', `/email-marketing/campaigns/${id}/schedule`, {
      body: { at: new Date(Date.now() + 86_400_000).toISOString(), timeZone: 'Mars/Olympus' },
      token,
    })
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].message).toBe(
      '"Mars/Olympus" is not a time zone; use an IANA name such as Europe/Berlin.',
    )
    const saved = await app.payload.findByID({ collection: slugs.campaigns, depth: 0, id })
    expect(saved).toMatchObject({ scheduledAt: null, status: 'draft' })
  })
})
