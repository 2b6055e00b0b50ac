import type { Mailer } from './mailer.js'

/** Capture mode: every message is "accepted" and stays in the log; nothing leaves the machine. */
export const createCaptureMailer = (): Mailer => ({
  findAccepted: async () => null,
  name: 'capture',
  sendBatch: async (messages) =>
    messages.map((message) => ({ id: message.id, postmarkMessageId: null, status: 'accepted' })),
})
