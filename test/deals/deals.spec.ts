import { contactDealHistory, moveDeal } from '../../src/index'
import { loadBoard } from '../../src/deals/loadBoard'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { eventMark, recordedEvents } from '../helpers/recordedEvents'
import { createPipeline } from './dealFixtures'
import { slugs } from '../helpers/slugs'

let app: TestPayload
let sales: Awaited<ReturnType<typeof createPipeline>>
let hiring: Awaited<ReturnType<typeof createPipeline>>
let contactId: number
let userId: number

beforeAll(async () => {
  app = await bootTestPayload({ name: 'deals' })
  const { payload } = app
  userId = (
    await payload.create({
      collection: 'users',
      data: { email: 'seller@example.com', name: 'Seller', password: 'seller-password' },
    })
  ).id
  contactId = (
    await payload.create({
      collection: slugs.contacts,
      data: { email: 'buyer@example.com', firstName: 'Bea', lastName: 'Buyer' },
    })
  ).id
  sales = await createPipeline(payload, 'Sales', [
    ['Lead', 10],
    ['Proposal', 50],
    ['Negotiation', 80],
  ])
  hiring = await createPipeline(payload, 'Hiring', [
    ['Screening', 20],
    ['Offer', 90],
  ])
})

afterAll(async () => {
  await app?.shutdown()
})

const createDeal = (data: Record<string, unknown>) =>
  app.payload.create({
    collection: slugs.deals,
    data: {
      currency: 'USD',
      owner: userId,
      pipeline: sales.id,
      stage: sales.stages[0].stageId,
      title: 'Deal',
      value: 0,
      ...data,
    } as never,
  })

describe('pipelines', () => {
  it('gives every stage a stable id that survives a rename', async () => {
    expect(sales.stages.map((stage) => stage.stageId)).toEqual([
      expect.stringMatching(/^lead-/),
      expect.stringMatching(/^proposal-/),
      expect.stringMatching(/^negotiation-/),
    ])
    const renamed = await app.payload.update({
      collection: slugs.pipelines,
      data: {
        stages: hiring.stages.map((stage, index) =>
          index === 0 ? { ...stage, name: 'Phone screen' } : stage,
        ),
      },
      id: hiring.id,
    })
    expect(renamed.stages?.map((stage) => stage.stageId)).toEqual(
      hiring.stages.map((stage) => stage.stageId),
    )
  })
})

describe('deal stage', () => {
  it('rejects a stage of another pipeline with a message naming the stage and the pipeline, and saves nothing', async () => {
    const before = await app.payload.count({ collection: slugs.deals })
    const offer = hiring.stages[1]
    const error = await createDeal({ stage: offer.stageId, title: 'Wrong stage' }).catch(
      (caught: unknown) => caught,
    )
    const messages =
      (error as { data?: { errors?: { message: string; path: string }[] } }).data?.errors ?? []
    expect(messages).toEqual([expect.objectContaining({ path: 'stage' })])
    expect(messages[0].message).toContain('"Offer"')
    expect(messages[0].message).toContain('"Sales"')
    expect(await app.payload.count({ collection: slugs.deals })).toEqual(before)
  })

  it("rejects moving an existing deal to another pipeline's stage", async () => {
    const deal = await createDeal({ title: 'Stays put' })
    await expect(
      moveDeal(app.payload, { id: deal.id, stageId: hiring.stages[0].stageId }),
    ).rejects.toMatchObject({
      data: {
        errors: [expect.objectContaining({ message: expect.stringContaining('pipeline "Sales"') })],
      },
    })
    const stored = await app.payload.findByID({ collection: slugs.deals, id: deal.id })
    expect(stored.stage).toBe(sales.stages[0].stageId)
  })

  it('requires a reason when a deal is lost', async () => {
    const deal = await createDeal({ title: 'Maybe lost' })
    await expect(moveDeal(app.payload, { id: deal.id, status: 'lost' })).rejects.toMatchObject({
      data: {
        errors: [
          expect.objectContaining({ message: 'Say why the deal was lost.', path: 'lostReason' }),
        ],
      },
    })
  })
})

describe('stage changes', () => {
  it('records each stage and status change in the history, records deal.stageChanged, and shows on the contact timeline', async () => {
    const before = await eventMark(app.payload)
    const deal = await createDeal({ contacts: [contactId], title: 'Big account', value: 1000 })
    const [lead, proposal] = sales.stages
    const user = await app.payload.findByID({ collection: 'users', id: userId })
    await moveDeal(
      app.payload,
      { id: deal.id, stageId: proposal.stageId },
      { user: { ...user, collection: 'users' } as never },
    )
    await app.payload.update({
      collection: slugs.deals,
      data: { notes: 'Called them' },
      id: deal.id,
    })
    await moveDeal(app.payload, { id: deal.id, status: 'won' })

    const stored = await app.payload.findByID({ collection: slugs.deals, depth: 0, id: deal.id })
    expect(
      stored.history?.map(({ by, fromStage, status, toStage }) => ({
        by,
        fromStage,
        status,
        toStage,
      })),
    ).toEqual([
      { by: null, fromStage: null, status: 'open', toStage: lead.stageId },
      { by: userId, fromStage: lead.stageId, status: 'open', toStage: proposal.stageId },
      { by: null, fromStage: proposal.stageId, status: 'won', toStage: proposal.stageId },
    ])
    const events = (await recordedEvents(app.payload, before)).filter(
      (event) => event.type === 'deal.stageChanged',
    )
    expect(events).toEqual([
      expect.objectContaining({
        contactIds: [contactId],
        dealId: deal.id,
        pipelineId: sales.id,
        previousStageId: null,
        stageId: lead.stageId,
        status: 'open',
      }),
      expect.objectContaining({
        contactIds: [contactId],
        dealId: deal.id,
        previousStageId: lead.stageId,
        stageId: proposal.stageId,
        status: 'open',
      }),
      expect.objectContaining({
        contactIds: [contactId],
        dealId: deal.id,
        previousStageId: proposal.stageId,
        stageId: proposal.stageId,
        status: 'won',
      }),
    ])
    const timeline = await contactDealHistory(app.payload, contactId)
    expect(
      timeline.map(({ dealTitle, fromStageName, status, toStageName }) => ({
        dealTitle,
        fromStageName,
        status,
        toStageName,
      })),
    ).toEqual([
      {
        dealTitle: 'Big account',
        fromStageName: 'Proposal',
        status: 'won',
        toStageName: 'Proposal',
      },
      { dealTitle: 'Big account', fromStageName: 'Lead', status: 'open', toStageName: 'Proposal' },
      { dealTitle: 'Big account', fromStageName: null, status: 'open', toStageName: 'Lead' },
    ])
  })

  it('ignores a history sent by a client', async () => {
    const deal = await createDeal({
      history: [{ fromStage: 'x', status: 'won', toStage: 'y' }],
      title: 'Forged',
    })
    expect(deal.history?.map((row) => row.toStage)).toEqual([sales.stages[0].stageId])
  })
})

describe('board totals', () => {
  it('counts, sums and weights the deals of each stage in SQL, per currency, honouring the filters', async () => {
    const board = await createPipeline(app.payload, 'Totals', [
      ['Qualified', 25],
      ['Closing', 75],
      ['Empty', 50],
    ])
    const [qualified, closing] = board.stages
    const other = (
      await app.payload.create({
        collection: 'users',
        data: { email: 'other@example.com', password: 'other-password' },
      })
    ).id
    const deals: [string, number, string, number | string, string?][] = [
      [qualified.stageId, 1000, 'USD', userId],
      [qualified.stageId, 3000, 'USD', other],
      [qualified.stageId, 400, 'EUR', userId],
      [closing.stageId, 2000, 'USD', userId],
      [closing.stageId, 500, 'USD', userId, 'won'],
    ]
    for (const [stage, value, currency, owner, status] of deals) {
      await createDeal({
        currency,
        owner,
        pipeline: board.id,
        stage,
        status: status ?? 'open',
        title: `${stage} ${value}`,
        value,
      })
    }
    const req = {
      payload: app.payload,
      user: {
        ...(await app.payload.findByID({ collection: 'users', id: userId })),
        collection: 'users',
      },
    }
    const all = await loadBoard(req as never, { pipeline: String(board.id), status: 'open' })
    const byStage = Object.fromEntries(
      all.columns.map((column) => [column.name, { count: column.count, totals: column.totals }]),
    )
    expect(byStage).toEqual({
      Closing: { count: 1, totals: [{ count: 1, currency: 'USD', value: 2000, weighted: 1500 }] },
      Empty: { count: 0, totals: [] },
      Qualified: {
        count: 3,
        totals: [
          { count: 2, currency: 'USD', value: 4000, weighted: 1000 },
          { count: 1, currency: 'EUR', value: 400, weighted: 100 },
        ],
      },
    })
    expect(all.columns[0].cards.map((card) => card.value)).toEqual([400, 3000, 1000])

    const mine = await loadBoard(req as never, {
      owner: 'me',
      pipeline: String(board.id),
      status: 'all',
    })
    expect(
      mine.columns.map((column) => [
        column.name,
        column.count,
        column.totals.reduce((sum, total) => sum + total.value, 0),
      ]),
    ).toEqual([
      ['Qualified', 2, 1400],
      ['Closing', 2, 2500],
      ['Empty', 0, 0],
    ])
  })

  it('pages a column: the first page says there is more, and the next page continues after the last card', async () => {
    const board = await createPipeline(app.payload, 'Paging', [['Only', 50]])
    for (let i = 1; i <= 7; i++)
      await createDeal({
        pipeline: board.id,
        stage: board.stages[0].stageId,
        title: `Paged ${i}`,
        value: i,
      })
    const req = {
      payload: app.payload,
      user: {
        ...(await app.payload.findByID({ collection: 'users', id: userId })),
        collection: 'users',
      },
    }
    const first = await loadBoard(req as never, {
      perColumn: 5,
      pipeline: String(board.id),
      status: 'open',
    })
    expect(first.columns[0].cards.map((card) => card.title)).toEqual([
      'Paged 7',
      'Paged 6',
      'Paged 5',
      'Paged 4',
      'Paged 3',
    ])
    expect(first.columns[0].hasMore).toBe(true)
    const { loadColumnPage } = await import('../../src/deals/loadBoard')
    const next = await loadColumnPage(req as never, {
      after: first.columns[0].cards[4].id,
      limit: 5,
      pipeline: String(board.id),
      stage: board.stages[0].stageId,
      status: 'open',
    })
    expect(next).toEqual({
      cards: [
        expect.objectContaining({ title: 'Paged 2' }),
        expect.objectContaining({ title: 'Paged 1' }),
      ],
      hasMore: false,
    })
  })
})
