import { appUrl } from './browser'
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

/** What Postmark posts when a recipient opens the email. */
export const postOpen = async (message: AcceptedMessage): Promise<void> => {
  const response = await fetch(`${appUrl()}/api/email-marketing/webhooks/postmark`, {
    body: JSON.stringify({
      FirstOpen: true,
      MessageID: message.MessageID,
      MessageStream: 'broadcast',
      Metadata: message.Metadata,
      Platform: 'WebMail',
      ReceivedAt: new Date().toISOString(),
      Recipient: message.To,
      RecordType: 'Open',
      UserAgent: 'Mozilla/5.0',
    }),
    headers: {
      authorization: `Basic ${Buffer.from('postmark:dev-webhook-password').toString('base64')}`,
      'content-type': 'application/json',
    },
    method: 'POST',
  })
  if (response.status !== 200)
    throw new Error(`The Open webhook for ${message.To} answered HTTP ${response.status}.`)
}
