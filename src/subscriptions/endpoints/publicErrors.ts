import type { PayloadHandler, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { messagePage } from '../page.js'

type Handler = (req: PayloadRequest) => Promise<Response>

/*
 * Bad input on a public endpoint is the visitor's mistake (or a scanner's), not a server error: it is
 * answered here instead of going through Payload's error route, which logs every APIError as an error.
 */
const answerBadInput = async (
  req: PayloadRequest,
  handler: Handler,
  answer: (error: APIError) => Response,
): Promise<Response> => {
  try {
    return await handler(req)
  } catch (error) {
    if (error instanceof APIError && error.status < 500) return answer(error)
    throw error
  }
}

/** Shows a bad-input APIError as an accessible HTML page with its status. */
export const htmlErrors =
  (title: string, handler: Handler): PayloadHandler =>
  (req) =>
    answerBadInput(req, handler, (error) => messagePage(title, error.message, error.status))

/** Answers a bad-input APIError in Payload's JSON error shape with its status. */
export const jsonErrors =
  (handler: Handler): PayloadHandler =>
  (req) =>
    answerBadInput(req, handler, (error) =>
      Response.json({ errors: [{ message: error.message }] }, { status: error.status }),
    )
