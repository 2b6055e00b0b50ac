import type { CSSProperties } from 'react'

/** Table styles from the admin theme; long emails and URLs wrap instead of widening the page. */
export const tableStyle: CSSProperties = {
  borderCollapse: 'collapse',
  tableLayout: 'fixed',
  width: '100%',
}

export const headStyle: CSSProperties = {
  borderBottom: '1px solid var(--theme-elevation-150)',
  color: 'var(--theme-elevation-500)',
  fontSize: 12,
  fontWeight: 500,
  padding: '6px 8px',
  textAlign: 'left',
}

export const cellStyle: CSSProperties = {
  borderBottom: '1px solid var(--theme-elevation-100)',
  overflowWrap: 'anywhere',
  padding: '8px',
  verticalAlign: 'top',
}

export const numberCellStyle: CSSProperties = { ...cellStyle, textAlign: 'right', width: 72 }

export const mutedStyle: CSSProperties = { color: 'var(--theme-elevation-500)', fontSize: 12 }
