import type { AppServer } from './appServer'

import testGlobalTeardown from '../helpers/globalTeardown'
import { stopAppServer } from './appServer'

export default async function globalTeardown(): Promise<void> {
  const state = globalThis as {
    __e2eDatabase?: { drop: () => Promise<void> }
    __e2ePostmark?: { stop: () => void }
    __e2eServer?: AppServer
  }
  stopAppServer(state.__e2eServer)
  state.__e2ePostmark?.stop()
  await new Promise((resolve) => setTimeout(resolve, 1000))
  await state.__e2eDatabase?.drop().catch(() => {})
  await testGlobalTeardown()
}
