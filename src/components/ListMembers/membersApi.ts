import type { ListMembersPage } from '../../lists/listMembers.js'

import { callApi } from '../SendEmailAction/emailApi.js'

export type MembersFilter = { page: number; search: string; status: string }

const base = (api: string, listId: number | string) =>
  `${api}/email-marketing/lists/${listId}/members`

export const fetchMembers = (api: string, listId: number | string, filter: MembersFilter) => {
  const query = new URLSearchParams({ page: String(filter.page) })
  if (filter.search.trim()) query.set('search', filter.search.trim())
  if (filter.status) query.set('status', filter.status)
  return callApi<ListMembersPage>(`${base(api, listId)}?${query}`)
}

export const addMembers = (api: string, listId: number | string, emails: string[]) =>
  callApi<{ added: number; alreadyMembers: number }>(base(api, listId), { body: { emails } })

export const removeMember = (api: string, listId: number | string, contactId: number) =>
  callApi<{ removed: number }>(`${base(api, listId)}/remove`, { body: { contacts: [contactId] } })

/** The CSV download of the members in view (the export endpoint takes the same status filter). */
export const exportUrl = (api: string, listId: number | string, status: string) =>
  `${api}/email-marketing/export/lists/${listId}${status ? `?status=${status}` : ''}`
