/** JSON calls to the plugin's endpoints with the admin's session cookie; errors carry Payload's message. */
export const callApi = async <T>(
  url: string,
  init: { body?: unknown; method?: 'GET' | 'POST' } = {},
): Promise<T> => {
  const response = await fetch(url, {
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
  })
  const text = await response.text()
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {}
  if (!response.ok) {
    const errors = json.errors as { message?: string }[] | undefined
    throw new Error(
      errors?.[0]?.message ??
        (json.message as string | undefined) ??
        `Request failed (HTTP ${response.status}).`,
    )
  }
  return json as T
}

/** Announces a sent email so a timeline on the same page reloads. */
export const emailSentEvent = 'email-marketing:email-sent'
