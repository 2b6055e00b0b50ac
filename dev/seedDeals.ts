import type { Payload } from 'payload'

const stages: [string, number][] = [
  ['Lead', 10],
  ['Qualified', 25],
  ['Proposal', 50],
  ['Negotiation', 75],
  ['Closing', 90],
]

const dealTitles = [
  'Website redesign',
  'Annual licence',
  'Onboarding package',
  'Support upgrade',
  'Team plan',
  'Data migration',
  'Training days',
  'Enterprise pilot',
  'API add-on',
  'Renewal',
]

/**
 * A "Sales" pipeline with five stages and 20 open deals owned by the demo admin, each linked to a
 * seeded contact. Does nothing when a "Sales" pipeline already exists, so it can run on every start.
 */
export const seedDemoDeals = async (payload: Payload, ownerEmail: string): Promise<boolean> => {
  const existing = await payload.count({
    collection: 'pipelines',
    where: { name: { equals: 'Sales' } },
  })
  if (existing.totalDocs > 0) return false
  const admin = (
    await payload.find({ collection: 'users', limit: 1, where: { email: { equals: ownerEmail } } })
  ).docs[0]
  const contacts = (
    await payload.find({
      collection: 'contacts',
      depth: 0,
      limit: 20,
      sort: 'id',
      where: { status: { equals: 'active' } },
    })
  ).docs
  if (contacts.length === 0) return false
  if (admin && !admin.roles?.includes('admin')) {
    await payload.update({ collection: 'users', data: { roles: ['admin'] }, id: admin.id })
  }
  const pipeline = await payload.create({
    collection: 'pipelines',
    data: {
      name: 'Sales',
      stages: stages.map(([name, winProbability]) => ({ name, winProbability })),
    },
  })
  const stageIds = (pipeline.stages ?? []).map((stage) => stage.stageId as string)
  for (let i = 0; i < 20; i++) {
    await payload.create({
      collection: 'deals',
      data: {
        contacts: [contacts[i % contacts.length].id],
        currency: 'USD',
        expectedCloseDate: new Date(Date.now() + (i + 1) * 7 * 86_400_000).toISOString(),
        owner: admin?.id,
        pipeline: pipeline.id,
        stage: stageIds[i % stageIds.length],
        status: 'open',
        title: `${dealTitles[i % dealTitles.length]} – ${contacts[i % contacts.length].company ?? 'Acme'}`,
        value: 1000 + ((i * 1370) % 9000),
      },
    })
  }
  return true
}
