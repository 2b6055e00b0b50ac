import type { ReactNode } from 'react'

/** A dashboard panel: a titled box on the admin's elevation colours, full width on a phone. */
export const Card = ({
  children,
  testId,
  title,
}: {
  children: ReactNode
  testId: string
  title: string
}) => (
  <section
    data-testid={testId}
    style={{
      background: 'var(--theme-elevation-50)',
      border: '1px solid var(--theme-elevation-150)',
      borderRadius: 'var(--style-radius-m, 4px)',
      minWidth: 0,
      padding: 'calc(var(--base) * 0.8)',
    }}
  >
    <h3 style={{ margin: '0 0 calc(var(--base) * 0.5)' }}>{title}</h3>
    {children}
  </section>
)

/** A big number with its label; `testId` lets the browser test compare it with the database. */
export const Figure = ({
  label,
  testId,
  value,
}: {
  label: string
  testId: string
  value: string
}) => (
  <div style={{ minWidth: 0 }}>
    <div data-testid={testId} style={{ fontSize: 24, fontWeight: 600, lineHeight: 1.2 }}>
      {value}
    </div>
    <div style={{ color: 'var(--theme-elevation-600)', fontSize: 12 }}>{label}</div>
  </div>
)

export const figureRow = {
  display: 'grid',
  gap: 'calc(var(--base) * 0.5)',
  gridTemplateColumns: 'repeat(auto-fit, minmax(90px, 1fr))',
} as const

export const muted = { color: 'var(--theme-elevation-600)', fontSize: 13, margin: 0 } as const
