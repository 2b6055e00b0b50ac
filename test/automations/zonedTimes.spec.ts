import { automationTick, enroll } from '../../src/index'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { createAutomation, createContact, email, enrollmentsOf } from './automationFixtures'

let app: TestPayload

beforeAll(async () => {
  app = await bootTestPayload({ name: 'automation-zoned-times' })
})

afterAll(async () => {
  await app?.shutdown()
})

/** Enrolls a new contact at `now` in "wait until <time> in <zone>, then email" and returns when the wait ends. */
const waitEnd = async (address: string, time: string, zone: string, now: Date) => {
  const { payload } = app
  const automation = await createAutomation(payload, {
    steps: [
      { blockType: 'wait', mode: 'untilWeekday', timeOfDay: time, timeZone: zone },
      email('Hi'),
    ],
  })
  const contact = await createContact(payload, address)
  await enroll(payload, { automationId: automation.id, contactId: contact.id, now })
  await automationTick(payload, { now })
  const [enrollment] = await enrollmentsOf(payload, automation.id)
  expect(enrollment.status).toBe('waiting')
  return new Date(String(enrollment.next_run_at)).toISOString()
}

describe('waits until a local time across daylight-saving changes', () => {
  it('01:30 Europe/Berlin on 2025-03-30 (spring forward) and 2025-10-26 (fall back)', async () => {
    expect(
      await waitEnd(
        'berlin-spring@example.com',
        '01:30',
        'Europe/Berlin',
        new Date('2025-03-29T12:00:00Z'),
      ),
    ).toBe('2025-03-30T00:30:00.000Z')
    expect(
      await waitEnd(
        'berlin-fall@example.com',
        '01:30',
        'Europe/Berlin',
        new Date('2025-10-25T12:00:00Z'),
      ),
    ).toBe('2025-10-25T23:30:00.000Z')
  })

  it('02:30 America/New_York on 2025-03-09 (does not exist: 03:30 EDT) and 2025-11-02 (EST)', async () => {
    expect(
      await waitEnd(
        'ny-spring@example.com',
        '02:30',
        'America/New_York',
        new Date('2025-03-08T17:00:00Z'),
      ),
    ).toBe('2025-03-09T07:30:00.000Z')
    expect(
      await waitEnd(
        'ny-fall@example.com',
        '02:30',
        'America/New_York',
        new Date('2025-11-01T16:00:00Z'),
      ),
    ).toBe('2025-11-02T07:30:00.000Z')
    // 01:30 happens twice that night: the first occurrence (EDT).
    expect(
      await waitEnd(
        'ny-twice@example.com',
        '01:30',
        'America/New_York',
        new Date('2025-11-01T16:00:00Z'),
      ),
    ).toBe('2025-11-02T05:30:00.000Z')
  })

  it('a wait step with an unknown time zone is refused on save', async () => {
    await expect(
      createAutomation(app.payload, {
        steps: [
          { blockType: 'wait', mode: 'untilWeekday', timeOfDay: '09:00', timeZone: 'Mars/Base' },
        ],
      }),
    ).rejects.toThrow(/Time Zone|timeZone/i)
  })

  it('a date trigger with an unknown time zone or a bad time of day is refused on save', async () => {
    const dateTrigger = (timeOfDay: string, timeZone: string) =>
      createAutomation(app.payload, {
        steps: [email('Reminder')],
        triggers: [
          { blockType: 'dateBased', field: 'attributes.renewal', mode: 'on', timeOfDay, timeZone },
        ],
      })
    await expect(dateTrigger('09:00', 'Mars/Base')).rejects.toThrow(/Time Zone|timeZone/i)
    await expect(dateTrigger('9 am', 'Europe/Berlin')).rejects.toThrow(/Time Of Day|timeOfDay/i)
  })
})

describe('anniversaries', () => {
  it('a 29 February date fires on 28 February in a year without one, on 29 February in a leap year', async () => {
    const { payload } = app
    const automation = await createAutomation(payload, {
      reentry: { rule: 'everyTime' },
      steps: [email('Happy birthday')],
      triggers: [
        {
          blockType: 'dateBased',
          field: 'attributes.birthday',
          mode: 'anniversary',
          timeOfDay: '09:00',
          timeZone: 'Europe/Berlin',
        },
      ],
    })
    const leapling = await createContact(payload, 'leapling@example.com', {
      attributes: { birthday: '2000-02-29' },
    })
    const enrolledOn = async () =>
      (await enrollmentsOf(payload, automation.id)).map((row) => row.contact_id)
    // 08:30 in Berlin on 28 February 2025: before the time of day.
    await automationTick(payload, { now: new Date('2025-02-28T07:30:00Z') })
    expect(await enrolledOn()).toEqual([])
    await automationTick(payload, { now: new Date('2025-02-28T08:05:00Z') })
    await automationTick(payload, { now: new Date('2025-03-01T09:00:00Z') })
    expect(await enrolledOn()).toEqual([leapling.id])
    // 2028 has a 29 February: nothing on the 28th, the anniversary on the 29th.
    await automationTick(payload, { now: new Date('2028-02-28T10:00:00Z') })
    expect(await enrolledOn()).toEqual([leapling.id])
    await automationTick(payload, { now: new Date('2028-02-29T10:00:00Z') })
    expect(await enrolledOn()).toEqual([leapling.id, leapling.id])
  })
})
