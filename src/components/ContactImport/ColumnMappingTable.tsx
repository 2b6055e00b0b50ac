'use client'

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
            <td style={{ padding: '4px 8px 4px 0' }}>
              <label htmlFor={`map-${column}`}>{column}</label>
            </td>
            <td style={{ padding: '4px 0' }}>
              <select
                id={`map-${column}`}
                name={`map-${column}`}
                onChange={(event) => onChange({ ...mapping, [column]: event.target.value })}
                value={current}
              >
                {[...new Set(targets)].map((target) => (
                  <option key={target} value={target}>
                    {target === 'ignore' ? 'Ignore' : target}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        )
      })}
    </tbody>
  </table>
)
