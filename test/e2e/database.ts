import pg from 'pg'

/** The e2e app's database, for tests that compare what the admin shows with what is stored. */
export const openE2eDatabase = (): pg.Pool => {
  const url = process.env.E2E_DATABASE_URL
  if (!url) throw new Error('E2E_DATABASE_URL is not set: run browser tests with npm run test:e2e.')
  return new pg.Pool({ connectionString: url, max: 2 })
}

export const countOf = async (db: pg.Pool, text: string, values: unknown[] = []) =>
  Number((await db.query<{ count: string }>(text, values)).rows[0]!.count)
