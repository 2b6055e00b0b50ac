import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { existsSync } from 'node:fs'
import path from 'node:path'

import { eraseContact } from '../../src/index'
import { importTick } from '../../src/imports/importTick'
import { startImport } from '../../src/imports/startImport'
import { processImport } from '../../src/imports/processImport'
import { claimImport } from '../../src/imports/importTick'
import { bootTestPayload, type TestPayload } from '../helpers/bootTestPayload'
import { eventMark, recordedEvents } from '../helpers/recordedEvents'
import { createImportJob, jobState, tempUploadDir } from './importFixtures'
import { slugs, tableNames, tables } from '../helpers/slugs'

let app: TestPayload
let payload: Payload
let listId: number
let otherListId: number
let tagId: number
let eventsBefore = 0
const eventTypes = async () =>
  (await recordedEvents(payload, eventsBefore)).map((event) => event.type)

const mapping = {
  'E-mail': 'email',
  'First Name': 'firstName',
  Notes: 'ignore',
  Plan: 'attributes.plan',
}

// Row 3 is invalid, row 4 repeats row 1 (in another chunk: chunkSize is 3), row 6 was erased, row 7 has no address.
const csv = [
  'E-mail,First Name,Plan,Notes',
  ' New1@Example.com ,Ann,pro,x',
  'new2@example.com,Bob,,y',
  'not-an-email,Cid,,z',
  'NEW1@example.com,Dup,,dup',
  'existing@example.com,Newname,gold,',
  'Erased@Example.com,Eve,,',
  ',NoEmail,,',
  'left@example.com,Left,,',
].join('\n')

const contactBy = async (email: string) => {
  const { docs } = await payload.find({
    collection: slugs.contacts,
    depth: 0,
    where: { email: { equals: email } },
  })
  return docs[0]
}

const subscriptionsOf = async (contactId: number) =>
  (
    await payload.find({
      collection: slugs.subscriptions,
      depth: 0,
      pagination: false,
      where: { contact: { equals: contactId } },
    })
  ).docs

const rejectionsOf = async (importId: number) =>
  (
    await payload.find({
      collection: slugs.importRejections as 'users',
      depth: 0,
      pagination: false,
      sort: 'row',
      where: { import: { equals: importId } },
    })
  ).docs.map((doc) => {
    const { email, reason, row } = doc as unknown as { email: string; reason: string; row: number }
    return { email, reason, row }
  })

const runImport = async (data: Record<string, unknown>, text = csv) => {
  const job = await createImportJob(payload, text, data)
  await startImport(payload, job.id, mapping)
  await importTick(payload)
  return job
}

beforeAll(async () => {
  app = await bootTestPayload({
    name: 'audience-import',
    plugin: { imports: { chunkSize: 3, uploadDir: tempUploadDir('import') } },
  })
  payload = app.payload
  listId = (await payload.create({ collection: slugs.lists, data: { name: 'Imported', slug: '' } }))
    .id
  otherListId = (
    await payload.create({ collection: slugs.lists, data: { name: 'Left', slug: '' } })
  ).id
  tagId = (await payload.create({ collection: slugs.tags, data: { name: 'trade-show' } })).id
  await payload.create({
    collection: slugs.contacts,
    data: {
      attributes: { plan: 'free', since: 2020 },
      email: 'existing@example.com',
      firstName: 'Old',
      lastName: 'Kept',
    },
  })
  const erased = await payload.create({
    collection: slugs.contacts,
    data: { email: 'erased@example.com' },
  })
  await eraseContact(payload, erased.id)
  const left = await payload.create({
    collection: slugs.contacts,
    data: { email: 'left@example.com' },
  })
  await payload.create({
    collection: slugs.subscriptions,
    data: { contact: left.id, list: otherListId, status: 'unsubscribed' },
  })
})

afterAll(async () => {
  await app?.shutdown()
})

describe('CSV import', () => {
  let importId: number

  beforeAll(async () => {
    eventsBefore = await eventMark(payload)
    importId = (
      await runImport({
        consent: { source: 'Trade show 2026', text: 'Yes, send me news' },
        dedupe: 'update',
        lists: [listId, otherListId],
        tags: [tagId],
      })
    ).id
  })

  it('records no automation events unless the job asks for them', async () => {
    expect(await eventTypes()).toEqual([])
  })

  it('counts inserted, updated and rejected rows and finishes', async () => {
    expect(await jobState(payload, importId)).toEqual(
      expect.objectContaining({
        checkpoint: 8,
        inserted: 2,
        rejected: 4,
        rowsRead: 8,
        skipped: 0,
        status: 'done',
        updated: 2,
      }),
    )
  })

  it('reports every rejected row with its reason', async () => {
    expect(await rejectionsOf(importId)).toEqual([
      { email: 'not-an-email', reason: 'invalid email', row: 3 },
      { email: 'new1@example.com', reason: 'duplicate in file', row: 4 },
      { email: 'erased@example.com', reason: 'erased address', row: 6 },
      { email: null, reason: 'missing email', row: 7 },
    ])
    expect(await contactBy('erased@example.com')).toBeUndefined()
  })

  it('normalises addresses, maps columns to fields and attributes, and ignores ignored columns', async () => {
    const ann = await contactBy('new1@example.com')
    expect(ann).toEqual(
      expect.objectContaining({
        attributes: { plan: 'pro' },
        firstName: 'Ann',
        source: 'Trade show 2026',
        status: 'active',
      }),
    )
    expect(ann.consent?.text).toBe('Yes, send me news')
    expect((await contactBy('new2@example.com')).attributes).toBeNull()
  })

  it('updates an existing contact by merging, keeping values the file leaves empty', async () => {
    const existing = await contactBy('existing@example.com')
    expect(existing).toEqual(expect.objectContaining({ firstName: 'Newname', lastName: 'Kept' }))
    expect(existing.attributes).toEqual({ plan: 'gold', since: 2020 })
  })

  it('subscribes to the chosen lists and tags, without resubscribing an unsubscribed contact', async () => {
    const ann = await contactBy('new1@example.com')
    const subscriptions = await subscriptionsOf(ann.id)
    expect(subscriptions.map((s) => [s.list, s.status]).sort()).toEqual(
      [
        [listId, 'subscribed'],
        [otherListId, 'subscribed'],
      ].sort(),
    )
    expect(subscriptions.every((s) => s.subscribedAt)).toBe(true)
    expect(ann.tags).toEqual([tagId])
    const left = await contactBy('left@example.com')
    const leftSubscriptions = await subscriptionsOf(left.id)
    expect(leftSubscriptions.find((s) => s.list === otherListId)?.status).toBe('unsubscribed')
    expect(leftSubscriptions.find((s) => s.list === listId)?.status).toBe('subscribed')
  })

  it('importing the same file again adds no second subscription or tag link', async () => {
    await runImport({ dedupe: 'update', lists: [listId], tags: [tagId] })
    const ann = await contactBy('new1@example.com')
    expect(ann.tags).toEqual([tagId])
    expect((await subscriptionsOf(ann.id)).filter((s) => s.list === listId)).toHaveLength(1)
  })

  it('skips existing contacts in skip mode and leaves them untouched', async () => {
    const text = [
      'E-mail,First Name,Plan,Notes',
      'existing@example.com,Skipped,platinum,',
      'fresh@example.com,Fresh,,',
    ].join('\n')
    const job = await runImport({ dedupe: 'skip', lists: [listId] }, text)
    expect(await jobState(payload, job.id)).toEqual(
      expect.objectContaining({ inserted: 1, rejected: 0, skipped: 1, status: 'done', updated: 0 }),
    )
    const existing = await contactBy('existing@example.com')
    expect(existing.firstName).toBe('Newname')
    expect(existing.attributes).toEqual({ plan: 'gold', since: 2020 })
    expect((await subscriptionsOf(existing.id)).find((s) => s.list === listId)).toBeDefined()
  })

  it('can subscribe as pending instead', async () => {
    const text = ['E-mail,First Name,Plan,Notes', 'pending@example.com,Pen,,'].join('\n')
    await runImport({ dedupe: 'update', listStatus: 'pending', lists: [listId] }, text)
    const [subscription] = await subscriptionsOf((await contactBy('pending@example.com')).id)
    expect(subscription).toEqual(expect.objectContaining({ status: 'pending' }))
    expect(subscription.pendingAt).toBeTruthy()
  })
})

describe('starting an import', () => {
  it.each([
    [{ Plan: 'attributes.plan' }, 'Map one column to "email"'],
    [{ 'E-mail': 'email', Plan: 'email' }, 'Two columns are mapped to "email"'],
    [{ 'E-mail': 'email', Nope: 'firstName' }, 'columns the file does not have: Nope'],
    [{ 'E-mail': 'email', Plan: 'password' }, 'is mapped to "password"'],
  ])('rejects the mapping %p and stays a draft', async (badMapping, message) => {
    const job = await createImportJob(payload, csv)
    await expect(startImport(payload, job.id, badMapping)).rejects.toThrow(message)
    expect((await jobState(payload, job.id)).status).toBe('draft')
  })

  it('does not start an import twice', async () => {
    const job = await createImportJob(payload, 'E-mail\nonce@example.com')
    await startImport(payload, job.id, { 'E-mail': 'email' })
    await expect(startImport(payload, job.id, { 'E-mail': 'email' })).rejects.toThrow(
      'Only a draft or failed import',
    )
    await importTick(payload)
    expect(await jobState(payload, job.id)).toEqual(
      expect.objectContaining({ inserted: 1, status: 'done' }),
    )
  })
})

describe('a worker that dies mid-import', () => {
  it('is resumed by the next tick from the last committed chunk, with the same result as an uninterrupted run', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `crash${i}@example.com,C${i},,`)
    const text = ['E-mail,First Name,Plan,Notes', ...rows, 'crash0@example.com,again,,'].join('\n')
    const job = await createImportJob(payload, text, {
      dedupe: 'update',
      lists: [listId],
      publishEvents: true,
    })
    eventsBefore = await eventMark(payload)
    await startImport(payload, job.id, mapping)
    // The second chunk's event INSERT fails, so that chunk rolls back with its subscriptions.
    await payload.db.drizzle.execute(
      sql.raw(`CREATE FUNCTION test_import_crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF (SELECT count(*) FROM ${tableNames.automationEvents} WHERE id > ${eventsBefore}) >= 3 THEN RAISE EXCEPTION 'worker died'; END IF;
        RETURN NULL; END $$;
      CREATE TRIGGER test_import_crash BEFORE INSERT ON ${tableNames.automationEvents} FOR EACH STATEMENT EXECUTE FUNCTION test_import_crash()`),
    )
    expect(await claimImport(payload)).toBe(job.id)
    await expect(processImport(payload, job.id)).rejects.toMatchObject({
      cause: expect.objectContaining({ message: 'worker died' }),
    })
    await payload.db.drizzle.execute(
      sql.raw(
        `DROP TRIGGER test_import_crash ON ${tableNames.automationEvents}; DROP FUNCTION test_import_crash()`,
      ),
    )
    expect(await jobState(payload, job.id)).toEqual(
      expect.objectContaining({ checkpoint: 3, status: 'running' }),
    )
    await payload.db.drizzle.execute(
      sql`UPDATE ${tables.contactImports} SET lease_until = now() - interval '1 second' WHERE id = ${job.id}`,
    )
    await importTick(payload)
    expect(await jobState(payload, job.id)).toEqual(
      expect.objectContaining({
        checkpoint: 11,
        inserted: 10,
        rejected: 1,
        rowsRead: 11,
        status: 'done',
        updated: 0,
      }),
    )
    expect(await rejectionsOf(job.id)).toEqual([
      { email: 'crash0@example.com', reason: 'duplicate in file', row: 11 },
    ])
    // Events commit with their chunk: every new subscription's fact exactly once, the failed chunk's none.
    expect((await eventTypes()).filter((type) => type === 'list.subscribed')).toHaveLength(10)
  })

  it('marks an import whose file is gone as failed, with the reason', async () => {
    const job = await createImportJob(payload, 'E-mail\nx@example.com', {}, 'gone.csv')
    await startImport(payload, job.id, { 'E-mail': 'email' })
    const { filename } = (await payload.findByID({
      collection: slugs.contactImports as 'users',
      id: job.id,
    })) as unknown as { filename: string }
    const { rmSync } = await import('node:fs')
    rmSync(
      `${(payload.config.custom as { emailMarketing: { imports: { uploadDir: string } } }).emailMarketing.imports.uploadDir}/${filename}`,
    )
    await importTick(payload)
    expect(await jobState(payload, job.id)).toEqual(
      expect.objectContaining({ error: expect.stringContaining('ENOENT'), status: 'failed' }),
    )
  })
})

describe('uploaded files and attribute keys', () => {
  const uploadDir = () =>
    (payload.config.custom as { emailMarketing: { imports: { uploadDir: string } } }).emailMarketing
      .imports.uploadDir
  const fileOf = async (id: number) => {
    const { filename } = (await payload.findByID({
      collection: slugs.contactImports as 'users',
      id,
    })) as unknown as { filename: string }
    return path.join(uploadDir(), filename)
  }

  it('keeps the upload outside the project folder and deletes it once every row is in', async () => {
    const job = await createImportJob(payload, 'E-mail\nfiled@example.com', {}, 'filed.csv')
    const file = await fileOf(job.id)
    expect(path.relative(process.cwd(), file).startsWith('..')).toBe(true)
    expect(existsSync(file)).toBe(true)
    await startImport(payload, job.id, { 'E-mail': 'email' })
    await importTick(payload)
    expect(await jobState(payload, job.id)).toEqual(expect.objectContaining({ status: 'done' }))
    expect(existsSync(file)).toBe(false)
  })

  it('writes an attributes.Plan column into the plan key contacts already use', async () => {
    const text = 'E-mail,Plan,Region\nplanned@example.com,team,north'
    const job = await createImportJob(payload, text, { dedupe: 'update' }, 'keys.csv')
    await startImport(payload, job.id, {
      'E-mail': 'email',
      Plan: 'attributes.Plan',
      Region: 'attributes.Region',
    })
    await importTick(payload)
    expect((await contactBy('planned@example.com'))?.attributes).toEqual({
      Region: 'north',
      plan: 'team',
    })
    const saved = (await payload.findByID({
      collection: slugs.contactImports as 'users',
      id: job.id,
    })) as unknown as { mapping: Record<string, string> }
    expect(saved.mapping).toEqual({
      'E-mail': 'email',
      Plan: 'attributes.plan',
      Region: 'attributes.Region',
    })
  })
})
