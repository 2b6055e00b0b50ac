'use client'
import type { Where } from 'payload'

import {
  Button,
  SelectInput,
  TextInput,
  toast,
  useConfig,
  useListQuery,
  useSelection,
} from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { BulkConfirm } from './BulkConfirm.js'
import {
  countSelection,
  exportHref,
  type Filter,
  loadOptions,
  type Option,
  runBulkAction,
  type Selection,
  selectionOf,
} from './toolbarApi.js'

type Props = {
  contactImportsSlug: string
  listsSlug: string
  tagsSlug: string
}

const actions = [
  { label: 'Add tag', needs: 'tag', value: 'addTag' },
  { label: 'Remove tag', needs: 'tag', value: 'removeTag' },
  { label: 'Subscribe to list', needs: 'list', value: 'subscribe' },
  { label: 'Unsubscribe from list', needs: 'list', value: 'unsubscribe' },
  { label: 'Delete contacts', needs: null, value: 'delete' },
] as const

const statuses = ['', 'active', 'unsubscribed', 'bounced', 'complained'].map((value) => ({
  label: value ? value[0].toUpperCase() + value.slice(1) : 'Any status',
  value,
}))

/** A finished bulk action's result, kept across the page reload that shows its effect. */
const doneMessageKey = 'email-marketing:contacts-bulk-done'

const valueOf = (option: unknown): string =>
  Array.isArray(option) ? '' : String((option as { value?: unknown } | null)?.value ?? '')

const grid = {
  display: 'grid',
  gap: 'calc(var(--base) * 0.5)',
  gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 180px), 1fr))',
} as const

/**
 * Above the contacts table: Import and Export, filters by list, tag, status and address, and bulk
 * actions on the rows picked in the table or, when none are, on every contact the filters match,
 * after a confirm step that states the count.
 */
export const ContactsToolbar = ({ contactImportsSlug, listsSlug, tagsSlug }: Props) => {
  const { config } = useConfig()
  const api = `${config.serverURL}${config.routes.api}`
  const { handleWhereChange } = useListQuery()
  const { selectAll, selectedIDs } = useSelection()
  const [lists, setLists] = useState<Option[]>([])
  const [tags, setTags] = useState<Option[]>([])
  const [filter, setFilter] = useState<Filter>({ list: '', search: '', status: '', tag: '' })
  const [action, setAction] = useState<string>('addTag')
  const [target, setTarget] = useState('')
  const [review, setReview] = useState<{ count: number; selection: Selection } | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    // Payload's toaster mounts above this component, so its effect (which starts listening) runs after this one.
    const shown = window.setTimeout(() => {
      const done = window.sessionStorage.getItem(doneMessageKey)
      if (done === null) return
      window.sessionStorage.removeItem(doneMessageKey)
      toast.success(done)
    }, 0)
    return () => window.clearTimeout(shown)
  }, [])

  useEffect(() => {
    Promise.all([loadOptions(api, listsSlug), loadOptions(api, tagsSlug)])
      .then(([listOptions, tagOptions]) => {
        setLists(listOptions)
        setTags(tagOptions)
      })
      .catch((error: unknown) => toast.error((error as Error).message))
  }, [api, listsSlug, tagsSlug])

  const setCriterion = (key: keyof Filter, value: string) => {
    const next = { ...filter, [key]: value }
    setFilter(next)
    setReview(null)
    // The table follows status and tag; the list filter applies to the count, actions and export.
    if (key === 'status' || key === 'tag') {
      const and: Where[] = []
      if (next.status) and.push({ status: { equals: next.status } })
      if (next.tag) and.push({ tags: { in: [next.tag] } })
      void handleWhereChange?.(and.length ? { and } : {})
    }
  }

  // 'allAvailable' means every row of the query, i.e. the filter, not the ids of one page.
  const picked = String(selectAll) !== 'allAvailable' && selectedIDs.length > 0
  const chosen = actions.find((entry) => entry.value === action)!
  const targetOptions = chosen.needs === 'tag' ? tags : chosen.needs === 'list' ? lists : []
  const targetLabel = targetOptions.find((option) => option.value === target)?.label ?? ''

  const startReview = async () => {
    if (chosen.needs && !target) {
      toast.error(`Choose the ${chosen.needs} first.`)
      return
    }
    const selection: Selection = picked ? { ids: selectedIDs } : selectionOf(filter)
    try {
      setReview({ count: (await countSelection(api, selection)).count, selection })
    } catch (error) {
      toast.error((error as Error).message)
    }
  }

  const confirm = async () => {
    if (!review) return
    setBusy(true)
    try {
      const result = await runBulkAction(api, {
        action,
        expectedCount: review.count,
        selection: review.selection,
        ...(chosen.needs === 'tag' ? { tag: Number(target) } : {}),
        ...(chosen.needs === 'list' ? { list: Number(target) } : {}),
      })
      window.sessionStorage.setItem(
        doneMessageKey,
        `Done: ${result.changed} of ${result.matched} contacts changed.`,
      )
      setReview(null)
      window.location.reload()
    } catch (error) {
      toast.error((error as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const scope = picked
    ? `the ${selectedIDs.length} picked`
    : 'everyone' in (review?.selection ?? {}) &&
        (review?.selection as { everyone: boolean }).everyone
      ? 'EVERY contact, all'
      : 'the filtered'
  const description = `${chosen.label}${targetLabel ? ` “${targetLabel}”` : ''} for ${scope}`

  return (
    <section
      data-testid="contacts-toolbar"
      style={{
        border: '1px solid var(--theme-elevation-150)',
        borderRadius: 'var(--style-radius-m, 4px)',
        marginBottom: 'var(--base)',
        minWidth: 0,
        padding: 'calc(var(--base) * 0.75)',
      }}
    >
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 8,
          marginBottom: 'calc(var(--base) * 0.5)',
        }}
      >
        <Button
          buttonStyle="secondary"
          el="link"
          margin={false}
          size="small"
          to={`${config.routes.admin}/collections/${contactImportsSlug}/create`}
        >
          Import contacts
        </Button>
        <Button
          buttonStyle="secondary"
          el="anchor"
          margin={false}
          size="small"
          url={exportHref(api, filter)}
        >
          Export CSV
        </Button>
      </div>
      <div style={grid}>
        <SelectInput
          label="List"
          name="filterList"
          onChange={(option) => setCriterion('list', valueOf(option))}
          options={[{ label: 'Any list', value: '' }, ...lists]}
          path="filterList"
          value={filter.list}
        />
        <SelectInput
          label="Tag"
          name="filterTag"
          onChange={(option) => setCriterion('tag', valueOf(option))}
          options={[{ label: 'Any tag', value: '' }, ...tags]}
          path="filterTag"
          value={filter.tag}
        />
        <SelectInput
          label="Status"
          name="filterStatus"
          onChange={(option) => setCriterion('status', valueOf(option))}
          options={statuses}
          path="filterStatus"
          value={filter.status}
        />
        <TextInput
          label="Email contains"
          onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
            setCriterion('search', event.target.value)
          }
          path="filterSearch"
          value={filter.search}
        />
      </div>
      {filter.list || filter.search ? (
        <p style={{ color: 'var(--theme-elevation-600)', fontSize: 12, margin: '0 0 8px' }}>
          The table follows the status and tag filters; the list and address filters apply to the
          count, the bulk action and the export.
        </p>
      ) : null}
      <div style={{ ...grid, alignItems: 'end' }}>
        <SelectInput
          label={
            picked ? `Bulk action on ${selectedIDs.length} picked` : 'Bulk action on the filter'
          }
          name="bulkAction"
          onChange={(option) => {
            setAction(valueOf(option) || 'addTag')
            setTarget('')
            setReview(null)
          }}
          options={actions.map(({ label, value }) => ({ label, value }))}
          path="bulkAction"
          value={action}
        />
        {chosen.needs ? (
          <SelectInput
            label={chosen.needs === 'tag' ? 'Tag' : 'List'}
            name="bulkTarget"
            onChange={(option) => {
              setTarget(valueOf(option))
              setReview(null)
            }}
            options={targetOptions}
            path="bulkTarget"
            value={target}
          />
        ) : null}
        <div style={{ paddingBottom: 'calc(var(--base) * 0.5)' }}>
          <Button margin={false} onClick={() => void startReview()} size="small">
            Review
          </Button>
        </div>
      </div>
      {review ? (
        <BulkConfirm
          busy={busy}
          count={review.count}
          description={description}
          destructive={
            action === 'delete' || ('everyone' in review.selection && review.selection.everyone)
          }
          onCancel={() => setReview(null)}
          onConfirm={() => void confirm()}
        />
      ) : null}
    </section>
  )
}
