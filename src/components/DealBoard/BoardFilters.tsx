'use client'
import type { OptionObject } from 'payload'

import { SelectInput } from '@payloadcms/ui'
import type React from 'react'

import type { BoardFiltersState } from './boardTypes.js'

type Props = {
  filters: BoardFiltersState
  onChange: (filters: BoardFiltersState) => void
  owners: { id: number; label: string }[]
  pipelines: { id: number; name: string }[]
}

/** react-select needs a non-empty value for "no owner filter". */
const everyone = 'everyone'

const statusOptions: OptionObject[] = [
  { label: 'Open', value: 'open' },
  { label: 'Won', value: 'won' },
  { label: 'Lost', value: 'lost' },
  { label: 'All', value: 'all' },
]

const chosen = (option: unknown): string =>
  String((Array.isArray(option) ? option[0] : (option as OptionObject | null))?.value ?? '')

/** Pipeline, owner and status pickers above the board. */
export const BoardFilters: React.FC<Props> = ({ filters, onChange, owners, pipelines }) => (
  <div
    className="deal-board__filters"
    style={{ display: 'flex', flexWrap: 'wrap', gap: 'var(--base)', marginBottom: 'var(--base)' }}
  >
    <SelectInput
      label="Pipeline"
      name="pipeline"
      onChange={(option) => onChange({ ...filters, pipeline: chosen(option) })}
      options={pipelines.map((pipeline) => ({ label: pipeline.name, value: String(pipeline.id) }))}
      path="deal-board-pipeline"
      style={{ minWidth: 180 }}
      value={filters.pipeline}
    />
    <SelectInput
      label="Owner"
      name="owner"
      onChange={(option) => {
        const owner = chosen(option)
        onChange({ ...filters, owner: owner === everyone ? '' : owner })
      }}
      options={[
        { label: 'Everyone', value: everyone },
        { label: 'Me', value: 'me' },
        ...owners.map((owner) => ({ label: owner.label, value: String(owner.id) })),
      ]}
      path="deal-board-owner"
      style={{ minWidth: 180 }}
      value={filters.owner || everyone}
    />
    <SelectInput
      label="Status"
      name="status"
      onChange={(option) => onChange({ ...filters, status: chosen(option) })}
      options={statusOptions}
      path="deal-board-status"
      style={{ minWidth: 140 }}
      value={filters.status}
    />
  </div>
)
