import type { RunningPostgres } from '../../dev/database/embeddedPostgres'

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __embeddedPostgres?: RunningPostgres }).__embeddedPostgres?.stop()
}
