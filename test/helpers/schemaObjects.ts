import pg from 'pg'

/**
 * Every schema, relation (table, index, sequence, view), column, constraint and enum type of the
 * database outside Postgres' own schemas, with index definitions, one line each and sorted: two
 * snapshots differ when anything was created, dropped or altered in between.
 */
export const schemaObjects = async (databaseUrl: string): Promise<string[]> => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ line: string }>(`
      WITH user_schemas AS (
        SELECT oid, nspname FROM pg_namespace
        WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'
      )
      SELECT 'schema ' || nspname AS line FROM user_schemas
      UNION ALL
      SELECT 'relation ' || c.relkind::text || ' ' || s.nspname || '.' || c.relname
        || CASE WHEN c.relkind = 'i' THEN ': ' || pg_get_indexdef(c.oid) ELSE '' END
      FROM pg_class c JOIN user_schemas s ON s.oid = c.relnamespace
      UNION ALL
      SELECT 'column ' || s.nspname || '.' || c.relname || '.' || a.attname || ' '
        || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN user_schemas s ON s.oid = c.relnamespace
      WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p')
      UNION ALL
      SELECT 'constraint ' || s.nspname || '.' || con.conname || ': ' || pg_get_constraintdef(con.oid)
      FROM pg_constraint con JOIN user_schemas s ON s.oid = con.connamespace
      UNION ALL
      SELECT 'type ' || s.nspname || '.' || t.typname
      FROM pg_type t JOIN user_schemas s ON s.oid = t.typnamespace WHERE t.typtype = 'e'
      ORDER BY 1
    `)
    return rows.map((row) => row.line)
  } finally {
    await client.end()
  }
}
