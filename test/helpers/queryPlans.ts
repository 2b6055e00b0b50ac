import type { Payload } from 'payload'

import type { SQL } from '../../src/utilities/db'

/** One node of `EXPLAIN (FORMAT JSON)` output, with the fields plan tests read. */
export type PlanNode = {
  'Actual Loops'?: number
  'Actual Rows'?: number
  Alias?: string
  'Index Name'?: string
  'Node Type': string
  Plans?: PlanNode[]
  'Relation Name'?: string
  'Rows Removed by Filter'?: number
}

/** Every node of a plan, the root first. */
export const nodesOf = (node: PlanNode): PlanNode[] => [
  node,
  ...(node.Plans ?? []).flatMap(nodesOf),
]

type Compiles = { dialect: { sqlToQuery: (query: SQL) => { params: unknown[]; sql: string } } }

/**
 * The generic plan of `statement`, made without its parameters' values, as Postgres may keep it for
 * a named prepared statement (executePrepared), after `settings` in the same transaction.
 * EXPLAIN ANALYZE runs the statement: the transaction is rolled back.
 */
export const explainGenericPlan = async (
  payload: Payload,
  statement: SQL,
  settings: SQL,
): Promise<{ JIT?: unknown; Plan: PlanNode }> => {
  const { dialect } = payload.db.drizzle as unknown as Compiles
  const prepared = dialect.sqlToQuery(statement)
  const before = dialect.sqlToQuery(settings)
  const client = await payload.db.pool.connect()
  try {
    await client.query('BEGIN')
    await client.query(before.sql, before.params)
    await client.query("SET LOCAL plan_cache_mode = 'force_generic_plan'")
    await client.query(`PREPARE generic_plan AS ${prepared.sql}`)
    const values = prepared.params.map((value) => client.escapeLiteral(String(value))).join(', ')
    const { rows } = await client.query<{ 'QUERY PLAN': { JIT?: unknown; Plan: PlanNode }[] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE generic_plan(${values})`,
    )
    return rows[0]['QUERY PLAN'][0]
  } finally {
    await client.query('ROLLBACK')
    await client.query('DEALLOCATE generic_plan')
    client.release()
  }
}
