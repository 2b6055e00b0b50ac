import type { AcceptedMessage } from '../postmark/fakePostmarkServer'

export const fakePostmarkUrl = (): string => {
  const url = process.env.E2E_POSTMARK_URL
  if (!url) throw new Error('E2E_POSTMARK_URL is not set: run browser tests with npm run test:e2e.')
  return url
}

/** Messages the e2e run's Postmark-compatible server accepted (it runs in the jest parent process). */
export const acceptedMessages = async (): Promise<AcceptedMessage[]> => {
  const response = await fetch(`${fakePostmarkUrl()}/__fake/accepted`)
  return ((await response.json()) as { messages: AcceptedMessage[] }).messages
}

/** Waits until the server has accepted a message matching `match`, e.g. sent by the dev app's scheduler. */
export const waitForMessage = async (
  match: (message: AcceptedMessage) => boolean,
  timeoutMs = 60_000,
): Promise<AcceptedMessage> => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const found = (await acceptedMessages()).find(match)
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error('The Postmark-compatible server received no matching message in time.')
}
