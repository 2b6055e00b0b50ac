import type { Payload } from 'payload'

type QueryFn = (...args: unknown[]) => unknown

/**
 * Records the text of every statement the Payload instance's Postgres clients send while `run`
 * runs (the pool's clients' `query`, which both pooled statements and transactions go through).
 */
export const statementsDuring = async (
  payload: Payload,
  run: () => Promise<unknown>,
): Promise<string[]> => {
  const pool = payload.db.pool as unknown as { Client: { prototype: { query: QueryFn } } }
  const prototype = pool.Client.prototype
  const original = prototype.query
  const statements: string[] = []
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const [first] = args
    statements.push(typeof first === 'string' ? first : String((first as { text?: string }).text))
    return original.apply(this, args)
  }
  try {
    await run()
  } finally {
    prototype.query = original
  }
  return statements
}
