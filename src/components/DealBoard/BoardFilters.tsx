'use client'
import type React from 'react'

import type { BoardFiltersState } from './boardTypes.js'

type Props = {
  filters: BoardFiltersState
  onChange: (filters: BoardFiltersState) => void
  owners: { id: number; label: string }[]
  pipelines: { id: number; name: string }[]
}

const selectStyle: React.CSSProperties = { height: 32, padding: '0 6px' }

/** Pipeline, owner and status pickers above the board. */
export const BoardFilters: React.FC<Props> = ({ filters, onChange, owners, pipelines }) => (
  <div
    className="deal-board__filters"
    style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginBottom: 12 }}
  >
    <label>
      Pipeline{' '}
      <select
        name="pipeline"
        onChange={(e) => onChange({ ...filters, pipeline: e.target.value })}
        style={selectStyle}
        value={filters.pipeline}
      >
        {pipelines.map((pipeline) => (
          <option key={pipeline.id} value={String(pipeline.id)}>
            {pipeline.name}
          </option>
        ))}
      </select>
    </label>
    <label>
      Owner{' '}
      <select
        name="owner"
        onChange={(e) => onChange({ ...filters, owner: e.target.value })}
        style={selectStyle}
        value={filters.owner}
      >
        <option value="">Everyone</option>
        <option value="me">Me</option>
        {owners.map((owner) => (
          <option key={owner.id} value={String(owner.id)}>
            {owner.label}
          </option>
        ))}
      </select>
    </label>
    <label>
      Status{' '}
      <select
        name="status"
        onChange={(e) => onChange({ ...filters, status: e.target.value })}
        style={selectStyle}
        value={filters.status}
      >
        <option value="open">Open</option>
        <option value="won">Won</option>
        <option value="lost">Lost</option>
        <option value="all">All</option>
      </select>
    </label>
  </div>
)
