import type { Payload } from 'payload'

import type { Mailer } from './mailer.js'

import { pluginOptionsOf } from '../pluginContext.js'
import { createCaptureMailer } from './captureMailer.js'
import { createPostmarkMailer } from './postmarkMailer.js'

const mailers = new WeakMap<Payload, Mailer>()

/** The Postmark client for this Payload instance, or capture mode when no server token is set. */
export const mailerFor = (payload: Payload): Mailer => {
  let mailer = mailers.get(payload)
  if (!mailer) {
    const { postmark } = pluginOptionsOf(payload)
    mailer = postmark.serverToken
      ? createPostmarkMailer({ ...postmark, serverToken: postmark.serverToken })
      : createCaptureMailer()
    mailers.set(payload, mailer)
  }
  return mailer
}
