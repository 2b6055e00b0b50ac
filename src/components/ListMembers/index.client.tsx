'use client'
import type { JSONFieldClientComponent } from 'payload'

import {
  Banner,
  Button,
  SelectInput,
  TextInput,
  toast,
  useConfig,
  useDocumentInfo,
} from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

import type { ListMember, ListMembersPage } from '../../lists/listMembers.js'

import {
  addMembers,
  exportUrl,
  fetchMembers,
  type MembersFilter,
  removeMember,
} from './membersApi.js'
import { MemberRow } from './MemberRow.js'

const statusOptions = [
  { label: 'Any status', value: '' },
  { label: 'Subscribed', value: 'subscribed' },
  { label: 'Pending', value: 'pending' },
  { label: 'Unsubscribed', value: 'unsubscribed' },
]

const splitEmails = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean)

/**
 * The members of the list being edited: search by email, filter by status, page through, export
 * the view as CSV, add contacts by address and remove (unsubscribe) one. Everything goes through
 * `/api/email-marketing/lists/:id/members`.
 */
export const ListMembers: JSONFieldClientComponent = ({ field }) => {
  const contactsSlug = String(field.admin?.custom?.contactsSlug ?? 'contacts')
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const api = `${config.serverURL}${config.routes.api}`
  const [filter, setFilter] = useState<MembersFilter>({ page: 1, search: '', status: '' })
  const [search, setSearch] = useState('')
  const [result, setResult] = useState<ListMembersPage | null>(null)
  const [error, setError] = useState<null | string>(null)
  const [toAdd, setToAdd] = useState('')
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    if (!id) return
    try {
      setResult(await fetchMembers(api, id, filter))
      setError(null)
    } catch (problem) {
      setError((problem as Error).message)
    }
  }, [api, filter, id])

  useEffect(() => {
    void load()
  }, [load])

  // Search as the user types, once they pause.
  useEffect(() => {
    const timer = setTimeout(
      () =>
        setFilter((current) =>
          current.search === search ? current : { ...current, page: 1, search },
        ),
      300,
    )
    return () => clearTimeout(timer)
  }, [search])

  if (!id)
    return <p style={{ color: 'var(--theme-elevation-600)' }}>Save the list to add members.</p>

  const add = async () => {
    const emails = splitEmails(toAdd)
    if (emails.length === 0) return
    setBusy(true)
    try {
      const answer = await addMembers(api, id, emails)
      toast.success(
        `${answer.added} added${answer.alreadyMembers ? `, ${answer.alreadyMembers} already on the list` : ''}.`,
      )
      setToAdd('')
      await load()
    } catch (problem) {
      toast.error((problem as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const remove = async (member: ListMember) => {
    try {
      await removeMember(api, id, member.contactId)
      toast.success(`${member.email} was unsubscribed from this list.`)
      await load()
    } catch (problem) {
      toast.error((problem as Error).message)
    }
  }

  return (
    <section className="field-type" data-testid="list-members" style={{ minWidth: 0 }}>
      <h3 style={{ marginBottom: 'calc(var(--base) * 0.5)' }}>
        Members{result ? ` (${result.totalDocs.toLocaleString('en')})` : ''}
      </h3>
      <div
        style={{
          display: 'grid',
          gap: 'calc(var(--base) * 0.5)',
          gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 220px), 1fr))',
        }}
      >
        <TextInput
          label="Search by email"
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => setSearch(event.target.value)}
          path="memberSearch"
          value={search}
        />
        <SelectInput
          label="Status"
          name="memberStatus"
          onChange={(option) => {
            const value = Array.isArray(option)
              ? ''
              : String((option as { value?: unknown })?.value ?? '')
            setFilter((current) => ({ ...current, page: 1, status: value }))
          }}
          options={statusOptions}
          path="memberStatus"
          value={filter.status}
        />
      </div>
      {error ? <Banner type="error">{error}</Banner> : null}
      {result && result.docs.length === 0 ? (
        <p style={{ color: 'var(--theme-elevation-600)' }}>No member matches.</p>
      ) : null}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {result?.docs.map((member) => (
          <MemberRow
            contactHref={`${config.routes.admin}/collections/${contactsSlug}/${member.contactId}`}
            key={member.contactId}
            member={member}
            onRemove={remove}
          />
        ))}
      </ul>
      <div style={{ alignItems: 'center', display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <Button
          buttonStyle="secondary"
          disabled={!result || result.page <= 1}
          margin={false}
          onClick={() => setFilter((current) => ({ ...current, page: current.page - 1 }))}
          size="small"
        >
          Previous
        </Button>
        <span>
          Page {result?.page ?? 1} of {result?.totalPages ?? 1}
        </span>
        <Button
          buttonStyle="secondary"
          disabled={!result || result.page >= result.totalPages}
          margin={false}
          onClick={() => setFilter((current) => ({ ...current, page: current.page + 1 }))}
          size="small"
        >
          Next
        </Button>
        <Button
          buttonStyle="secondary"
          el="anchor"
          margin={false}
          size="small"
          url={exportUrl(api, id, filter.status)}
        >
          Export CSV
        </Button>
      </div>
      <div style={{ marginTop: 'var(--base)' }}>
        <TextInput
          label="Add contacts by email (separate with commas or spaces)"
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => setToAdd(event.target.value)}
          path="memberAdd"
          value={toAdd}
        />
        <Button
          disabled={busy || splitEmails(toAdd).length === 0}
          margin={false}
          onClick={() => void add()}
          size="small"
        >
          Add to list
        </Button>
      </div>
    </section>
  )
}
