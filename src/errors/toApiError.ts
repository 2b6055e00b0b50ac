import { APIError } from 'payload'

import { EmailMarketingError } from './EmailMarketingError.js'

/** The plugin's typed errors as HTTP answers with their message (and details); anything else unchanged. */
export const toApiError = (error: unknown): unknown =>
  error instanceof EmailMarketingError
    ? new APIError(error.message, error.status, error.data, true)
    : error

/** Runs an endpoint's work and throws its typed errors as HTTP answers. */
export const answeringErrors = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work()
  } catch (error) {
    throw toApiError(error)
  }
}
