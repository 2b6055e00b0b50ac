'use client'
import { SelectInput } from '@payloadcms/ui'

const fieldTargets = ['email', 'firstName', 'lastName', 'phone', 'company'] as const

const attributeTargetOf = (column: string) =>
  `attributes.${column.trim().replace(/\s+/g, '_') || 'column'}`

/** One select per CSV column: a contact field, an attribute named after the column, or ignore. */
export const ColumnMappingTable = ({
  columns,
  mapping,
  onChange,
}: {
  columns: string[]
  mapping: Record<string, string>
  onChange: (mapping: Record<string, string>) => void
}) => (
  <table
    className="contact-import__mapping"
    style={{ borderCollapse: 'collapse', marginBottom: 16, width: '100%' }}
  >
    <thead>
      <tr>
        <th style={{ textAlign: 'left' }}>CSV column</th>
        <th style={{ textAlign: 'left' }}>Imports into</th>
      </tr>
    </thead>
    <tbody>
      {columns.map((column) => {
        const current = mapping[column] ?? 'ignore'
        const targets = [
          ...fieldTargets,
          attributeTargetOf(column),
          ...(current.startsWith('attributes.') ? [current] : []),
          'ignore',
        ]
        return (
          <tr key={column}>
            <td style={{ padding: '4px 8px 4px 0' }}>{column}</td>
            <td style={{ padding: '4px 0' }}>
              <SelectInput
                name={`map-${column}`}
                onChange={(option) => {
                  const picked = Array.isArray(option) ? option[0] : option
                  if (picked) onChange({ ...mapping, [column]: String(picked.value) })
                }}
                options={[...new Set(targets)].map((target) => ({
                  label: target === 'ignore' ? 'Ignore' : target,
                  value: target,
                }))}
                path={`map-${column}`}
                style={{ marginBottom: 0 }}
                value={current}
              />
            </td>
          </tr>
        )
      })}
    </tbody>
  </table>
)
