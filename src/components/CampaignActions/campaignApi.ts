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

/** The picked contact that previews and test sends render with. */
export type PickedContact = { email: string; id: number; label: string }

/** Contacts whose email or name contains `search`, through the contacts collection's REST route. */
export const searchContacts = async (
  apiRoute: string,
  contactsSlug: string,
  search: string,
): Promise<PickedContact[]> => {
  const params = new URLSearchParams({ depth: '0', limit: '8', sort: 'email' })
  ;['email', 'firstName', 'lastName'].forEach((field, index) =>
    params.set(`where[or][${index}][${field}][like]`, search),
  )
  const response = await fetch(`${apiRoute}/${contactsSlug}?${params.toString()}`, {
    credentials: 'include',
  })
  if (!response.ok) throw new Error(`The contact search failed (HTTP ${response.status}).`)
  const { docs } = (await response.json()) as {
    docs: { email: string; firstName?: null | string; id: number; lastName?: null | string }[]
  }
  return docs.map((doc) => {
    const name = [doc.firstName, doc.lastName].filter(Boolean).join(' ')
    return { email: doc.email, id: doc.id, label: name ? `${name} <${doc.email}>` : doc.email }
  })
}

export const formatCount = (value: number): string => value.toLocaleString('en-US')
