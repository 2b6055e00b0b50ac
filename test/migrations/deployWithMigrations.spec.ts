import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import { getTableConfig } from '@payloadcms/db-postgres/drizzle/pg-core'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { getPayload } from 'payload'

import { createDevConfig } from '../../dev/config'
import { sendCampaign } from '../../src/campaigns/campaignActions'
import { rateLimitTableName } from '../../src/subscriptions/rateLimitTable'
import { subscribe } from '../../src/subscriptions/subscribe'
import { rowsOf } from '../../src/utilities/db'
import { createCampaign, sendToCompletion } from '../campaigns/campaignFixtures'
import { testPostmarkToken } from '../helpers/bootSendingApp'
import { createMigrationWorkspace, type MigrationWorkspace } from '../helpers/migrationWorkspace'
import { createRuntimeRole, type RuntimeRole } from '../helpers/runtimeRole'
import { schemaObjects } from '../helpers/schemaObjects'
import { createTestDatabase } from '../helpers/testDatabase'
import { type FakePostmark, startFakePostmark } from '../postmark/fakePostmarkServer'

/** The plugin's own indexes (dev config: default slugs, no per-stream rate limit) and what each must be. */
const pluginIndexes: [name: string, definition: RegExp][] = [
  ['contacts_attributes_gin_idx', /USING gin \(attributes jsonb_path_ops\)/],
  ['contacts_rels_tag_members_idx', /\(tags_id, parent_id\) WHERE \(\(path\)::text = 'tags'/],
  ['subscriptions_list_status_contact_idx', /\(list_id, status, contact_id\)$/],
  ['enrollments_history_parent_order_idx', /\(_parent_id, _order\)$/],
  [
    'messages_campaign_state_idx',
    /\(campaign_id, status\) WHERE \(\(campaign_id IS NOT NULL\) AND \(status = ANY \(ARRAY\['queued'::\w+, 'sending'::\w+, 'held'::\w+\]\)\)\)/,
  ],
  ['messages_due_idx', /\(priority, next_attempt_at, id\) WHERE \(status = 'queued'/],
  ['messages_lease_idx', /\(lease_until\) WHERE \(status = 'sending'/],
  [
    'messages_postmark_id_idx',
    /WHERE \(\(postmark_message_id IS NOT NULL\) AND \(body_pruned_at IS NULL\)\)/,
  ],
  ['automation_events_pending_idx', /\(id\) WHERE \(processed_at IS NULL\)$/],
  ['automation_events_processed_idx', /\(processed_at\) WHERE \(processed_at IS NOT NULL\)$/],
  [`${rateLimitTableName}_key_window_idx`, /UNIQUE INDEX .* \(key, window_start\)$/],
  [`${rateLimitTableName}_window_idx`, /\(window_start\)$/],
]

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src')

/** DDL statements in a source file: the plugin's schema lives in Payload's, never in its queries. */
const ddl =
  /\b(create|alter|drop)\s+(unique\s+)?(temp(orary)?\s+)?(table|index|schema|extension|type|view|materialized|sequence|trigger|function)\b/gi

const indexDefinitions = async (payload: Payload): Promise<Map<string, string>> =>
  new Map(
    rowsOf<{ indexdef: string; indexname: string }>(
      await payload.db.drizzle.execute(
        sql`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
      ),
    ).map((row) => [row.indexname, row.indexdef]),
  )

/*
 * Deploys the dev config the way production Payload sites deploy: `payload migrate:create` on an
 * empty database, `payload migrate`, then the app boots with push off as a role that may only read
 * and write rows. Anything the plugin created outside Payload's schema (DDL at boot or on first
 * use) fails here: its statement shows up in the source scan, it is missing from the generated
 * migration, and the runtime role may not run it. The schema snapshot after a campaign must equal
 * the one right after the migration.
 */
describe('migrations: the dev config deployed with payload migrate and push off', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>
  let workspace: MigrationWorkspace
  let role: RuntimeRole | undefined
  let postmark: FakePostmark | undefined
  let payload: Payload | undefined
  let migrated: string[]

  beforeAll(async () => {
    database = await createTestDatabase('migrations')
    workspace = await createMigrationWorkspace(database.url)
  })

  afterAll(async () => {
    await payload?.destroy()
    await postmark?.close()
    await database?.drop()
    await role?.drop()
    await workspace?.remove()
  })

  it('no source file runs DDL (CREATE/ALTER/DROP of tables, indexes, schemas, types ...)', async () => {
    const files = (await readdir(srcDir, { recursive: true })).filter(
      (file) => /\.tsx?$/.test(file) && !file.endsWith('.spec.ts'),
    )
    const found: string[] = []
    for (const file of files) {
      const source = await readFile(path.join(srcDir, file), 'utf8')
      for (const match of source.matchAll(ddl)) found.push(`src/${file}: ${match[0]}`)
    }
    expect(found).toEqual([])
  })

  it('payload migrate:create writes every plugin table and index into the migration', async () => {
    await workspace.payload(['migrate:create', 'initial', '--force-accept-warning'])
    const files = (await readdir(workspace.migrationDir)).filter(
      (file) => file.endsWith('.ts') && file !== 'index.ts',
    )
    expect(files).toHaveLength(1)
    const migration = await readFile(path.join(workspace.migrationDir, files[0]!), 'utf8')
    expect(migration).toContain(`CREATE TABLE "${rateLimitTableName}"`)
    for (const [name] of pluginIndexes) expect(migration).toMatch(`INDEX "${name}" ON`)
  })

  it('payload migrate applies it to the empty database', async () => {
    await workspace.payload(['migrate'])
    migrated = await schemaObjects(database.url)
    expect(migrated).toContain(`relation r public.${rateLimitTableName}`)
  })

  it('boots with push off as a role that cannot run DDL, and every declared index exists', async () => {
    role = await createRuntimeRole(database.url, 'migrations')
    postmark = await startFakePostmark({ serverToken: testPostmarkToken })
    const config = await createDevConfig({
      databaseUrl: role.url,
      plugin: {
        postmark: { apiUrl: postmark.url, serverToken: testPostmarkToken, timeoutMs: 2000 },
        scheduler: { enabled: false },
        sending: { from: { address: 'news@example.com', name: 'Test sender' }, leaseSeconds: 3 },
      },
      push: false,
    })
    payload = await getPayload({ config, key: 'migrations' })
    payload.db.pool.on('error', () => {})

    const indexes = await indexDefinitions(payload)
    for (const [name, definition] of pluginIndexes) expect(indexes.get(name)).toMatch(definition)
    const declared = Object.values(payload.db.tables).flatMap((table) =>
      getTableConfig(table).indexes.map((index) => index.config.name),
    )
    expect(declared).toEqual(expect.arrayContaining(pluginIndexes.map(([name]) => name)))
    expect(declared.filter((name) => !indexes.has(name!))).toEqual([])
  })

  it('subscribes through the rate-limited public flow and sends a campaign end to end', async () => {
    const app = payload!
    const list = (await app.create({
      collection: 'lists',
      data: { doubleOptIn: false, name: 'News', public: true, slug: 'news' },
    })) as unknown as { id: number }
    for (const email of ['ada@example.com', 'grace@example.com'])
      await subscribe(app, {
        consent: { form: 'migrations test' },
        email,
        firstName: email.split('@')[0],
        ip: '192.0.2.10',
        lists: ['news'],
      })
    const [counter] = rowsOf<{ count: number }>(
      await app.db.drizzle.execute(
        sql`SELECT count(*)::int AS count FROM ${sql.identifier(rateLimitTableName)}`,
      ),
    )
    expect(counter!.count).toBeGreaterThan(0)

    const campaign = await createCampaign(app, { audience: { lists: [list.id] } })
    await sendCampaign(app, campaign)
    await sendToCompletion(app, campaign, { timeoutMs: 60_000 })
    expect(postmark!.accepted.map((message) => message.To).sort()).toEqual([
      'ada@example.com',
      'grace@example.com',
    ])
    expect(postmark!.accepted[0]!.MessageStream).toBe('broadcast')
  })

  it('leaves the schema exactly as the migration made it', async () => {
    expect(await schemaObjects(database.url)).toEqual(migrated)
  })
})
