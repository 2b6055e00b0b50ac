import type { CollectionSlug } from 'payload'

import { enroll } from '../../src/index'
import { selfTriggerWarnings } from '../../src/automations/loopWarnings'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import {
  createAutomation,
  createContact,
  createTag,
  enrollmentsOf,
  historyOf,
  tickAt,
} from './automationFixtures'
import { slugs } from '../helpers/slugs'

let app: TestPayload

beforeAll(async () => {
  app = await bootTestPayload({
    name: 'automation-loops',
    plugin: { automations: { maxChainDepth: 2, maxRunsPerWindow: 4 } },
  })
})

afterAll(async () => {
  await app?.shutdown()
})

describe('self-triggering automations', () => {
  it('re-fires its own tag trigger a bounded number of times, and is flagged', async () => {
    const { payload } = app
    const loop = await createTag(payload, 'loop')
    const data = {
      reentry: { rule: 'everyTime' as const },
      steps: [
        { blockType: 'removeTag', tag: loop.id },
        { blockType: 'addTag', tag: loop.id },
      ],
      triggers: [{ blockType: 'tagAdded', tag: loop.id }],
    }
    const automation = await createAutomation(payload, data)
    expect(selfTriggerWarnings({ id: automation.id, ...data })).toEqual([
      'A "addTag" step adds the tag its trigger listens for.',
    ])
    expect(
      selfTriggerWarnings({
        steps: [{ blockType: 'addTag', tag: loop.id + 1 }],
        triggers: data.triggers,
      }),
    ).toEqual([])

    const contact = await createContact(payload, 'looper@example.com')
    await payload.update({
      collection: slugs.contacts as CollectionSlug,
      data: { tags: [loop.id] } as never,
      id: contact.id,
    })
    for (let i = 0; i < 8; i += 1) await tickAt(payload, new Date())
    const runs = await enrollmentsOf(payload, automation.id)
    expect(runs).toHaveLength(4)
    expect(runs.every((run) => run.status === 'completed')).toBe(true)
  })

  it('stops a chain of automations starting themselves at the depth limit', async () => {
    const { payload } = app
    const automation = await createAutomation(payload, {
      reentry: { rule: 'everyTime' },
      steps: [],
    })
    const steps = [{ automation: automation.id, blockType: 'startAutomation' }]
    await payload.update({
      collection: slugs.automations as CollectionSlug,
      data: { steps } as never,
      id: automation.id,
    })
    expect(selfTriggerWarnings({ id: automation.id, steps, triggers: [] })).toEqual([
      'A "start automation" step starts this same automation.',
    ])
    const contact = await createContact(payload, 'chain@example.com')
    await enroll(payload, { automationId: automation.id, contactId: contact.id })
    for (let i = 0; i < 8; i += 1) await tickAt(payload, new Date())
    const runs = await enrollmentsOf(payload, automation.id)
    // Depth 0 starts depth 1, which starts depth 2 (maxChainDepth), which may not go deeper.
    expect(runs.map((run) => run.state.depth)).toEqual([0, 1, 2])
    expect(runs.every((run) => run.status === 'completed')).toBe(true)
    expect((await historyOf(payload, runs[2].id)).map((entry) => entry.outcome)).toEqual([
      'not started: chain deeper than 2',
    ])
  })
})
