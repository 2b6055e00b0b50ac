/**
 * `npm run bench -- <name> [--n N]`: runs bench/<name>.ts and prints its result as one JSON line,
 * last. Benches send to POSTMARK_API_URL when it is set, otherwise to their own local fake.
 */
const benches: Record<
  string,
  () => Promise<{ run: (args: { n: number }) => Promise<Record<string, unknown>> }>
> = {
  automations: () => import('./automations'),
  campaign: () => import('./campaign'),
  board: () => import('./board'),
  history: () => import('./history'),
  import: () => import('./import'),
  outboxWrites: () => import('./outboxWrites'),
  segment: () => import('./segment'),
  send: () => import('./send'),
  transactional: () => import('./transactional'),
}

const defaults: Record<string, number> = {
  automations: 1_000_000,
  campaign: 100_000,
  board: 5_000,
  history: 1_000_000,
  import: 100_000,
  outboxWrites: 100_000,
  segment: 1_000_000,
  send: 100_000,
  transactional: 50_000,
}

const [name, ...rest] = process.argv.slice(2)
const load = name ? benches[name] : undefined
if (!name || !load) {
  console.error(`Usage: npm run bench -- <${Object.keys(benches).join('|')}> [--n N]`)
  process.exit(2)
}
const nFlag = rest.indexOf('--n')
const n = nFlag >= 0 ? Number(rest[nFlag + 1]) : defaults[name]
if (!Number.isInteger(n) || n <= 0) {
  console.error(`--n must be a positive whole number, got "${rest[nFlag + 1]}".`)
  process.exit(2)
}
const result = await (await load()).run({ n })
console.log(JSON.stringify(result))
process.exit(0)
export {}
