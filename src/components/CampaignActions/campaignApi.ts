'use client'

export type CampaignReportView = {
  clicked: number
  opened: number
  pending: number
  phase: string
  rates: Record<string, number>
  recipients: number
  sent: number
  status: string
  timeline: { at: string; clicks: number; opens: number }[]
  topLinks: { clicks: number; url: string }[]
  variants: {
    clicked: number
    label: string
    opened: number
    rates: Record<string, number>
    recipients: number
    sent: number
    variant: number
  }[]
  winner: null | number
} & Record<string, unknown>

/** Calls a campaign action endpoint; a non-2xx answer becomes an Error with the server's message. */
export const callCampaign = async <T>(
  apiRoute: string,
  id: number | string,
  action: string,
  init?: { body?: unknown; query?: string },
): Promise<T> => {
  const response = await fetch(
    `${apiRoute}/email-marketing/campaigns/${id}/${action}${init?.query ? `?${init.query}` : ''}`,
    {
      body: init?.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      method: init?.body === undefined ? 'GET' : 'POST',
    },
  )
  const data = (await response.json().catch(() => ({}))) as { errors?: { message: string }[] } & T
  if (!response.ok)
    throw new Error(
      data.errors?.map((error) => error.message).join('; ') ||
        `Request failed (${response.status}).`,
    )
  return data
}

export const percent = (value: number): string => `${(value * 100).toFixed(1)}%`
