'use client'

export const metricNames = [
  'delivered',
  'opened',
  'clicked',
  'bounced',
  'complained',
  'unsubscribed',
] as const

export type MetricName = (typeof metricNames)[number]

export type Metric = { total: number; totalRate: number; unique: number; uniqueRate: number }

export type TimelinePoint = { at: string } & Record<Exclude<MetricName, 'unsubscribed'>, number>

export type ReportData = {
  links: { total: number; unique: number; url: string }[]
  metrics: Record<MetricName, Metric>
  recipients: number
  sent: number
  timeline: { bucket: 'day' | 'hour'; buckets: TimelinePoint[] }
}

export type RecipientView = {
  clickedAt: null | string
  clicks: number
  contactId: null | number
  email: string
  firstName: null | string
  lastName: null | string
  messageId: number
  openedAt: null | string
  opens: number
  status: string
}

export type RecipientPageView = {
  docs: RecipientView[]
  limit: number
  page: number
  totalDocs: number
  totalPages: number
}

export const recipientFilterOptions = [
  { label: 'Everyone', value: 'all' },
  { label: 'Opened', value: 'opened' },
  { label: 'Not opened', value: 'not-opened' },
  { label: 'Clicked', value: 'clicked' },
  { label: 'Delivered', value: 'delivered' },
  { label: 'Bounced', value: 'bounced' },
  { label: 'Complained', value: 'complained' },
  { label: 'Unsubscribed', value: 'unsubscribed' },
]

/** GETs a report endpoint of the campaign; a non-2xx answer becomes an Error with the server's message. */
export const fetchReport = async <T>(url: string): Promise<T> => {
  const response = await fetch(url, { credentials: 'include' })
  const data = (await response.json().catch(() => ({}))) as { errors?: { message: string }[] } & T
  if (!response.ok)
    throw new Error(
      data.errors?.map((error) => error.message).join('; ') ||
        `Request failed (${response.status}).`,
    )
  return data
}

export const percent = (value: number): string =>
  `${(value * 100).toFixed(value > 0 && value < 0.1 ? 1 : 0)} %`

/** A bucket's start as the axis shows it: the day, plus the hour for hourly buckets (UTC). */
export const bucketLabel = (at: string, bucket: 'day' | 'hour'): string =>
  new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
    ...(bucket === 'hour' ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(new Date(at))

export const dateTime = (value: null | string): string =>
  value
    ? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(value),
      )
    : '—'
