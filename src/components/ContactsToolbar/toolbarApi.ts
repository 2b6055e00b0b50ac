import { callApi } from '../SendEmailAction/emailApi.js'

export type Filter = { list: string; search: string; status: string; tag: string }

export type Selection =
  | { everyone: boolean; filter: Record<string, number | string> }
  | { ids: (number | string)[] }

export type Option = { label: string; value: string }

/** The filter as the bulk endpoints take it: only the criteria that are set. */
export const selectionOf = (filter: Filter): Selection => {
  const criteria: Record<string, number | string> = {}
  if (filter.list) criteria.list = Number(filter.list)
  if (filter.tag) criteria.tag = Number(filter.tag)
  if (filter.status) criteria.status = filter.status
  if (filter.search.trim()) criteria.search = filter.search.trim()
  return { everyone: Object.keys(criteria).length === 0, filter: criteria }
}

/** id/name options of a small collection (lists, tags) for the filter and action pickers. */
export const loadOptions = async (api: string, slug: string): Promise<Option[]> => {
  const answer = await callApi<{ docs: { id: number; name?: string }[] }>(
    `${api}/${slug}?limit=200&depth=0&sort=name&select[name]=true`,
  )
  return answer.docs.map((doc) => ({ label: doc.name ?? String(doc.id), value: String(doc.id) }))
}

export const countSelection = (api: string, selection: Selection) =>
  callApi<{ count: number }>(`${api}/email-marketing/contacts/bulk/count`, {
    body: { selection },
  })

export const runBulkAction = (
  api: string,
  body: {
    action: string
    expectedCount: number
    list?: number
    selection: Selection
    tag?: number
  },
) => callApi<{ changed: number; matched: number }>(`${api}/email-marketing/contacts/bulk`, { body })

/** The CSV download of the filter: a list's members when a list is chosen, else a Payload where. */
export const exportHref = (api: string, filter: Filter): string => {
  if (filter.list) return `${api}/email-marketing/export/lists/${filter.list}`
  const query = new URLSearchParams()
  if (filter.status) query.set('where[status][equals]', filter.status)
  if (filter.tag) query.set('where[tags][in]', filter.tag)
  if (filter.search.trim()) query.set('where[email][like]', filter.search.trim())
  const text = query.toString()
  return `${api}/email-marketing/export/contacts${text ? `?${text}` : ''}`
}
