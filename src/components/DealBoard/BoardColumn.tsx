'use client'
import { useDroppable } from '@dnd-kit/core'
import { Button } from '@payloadcms/ui'
import type React from 'react'

import type { BoardColumn as Column } from './boardTypes.js'

import { formatMoney } from './formatMoney.js'

type Props = {
  children: React.ReactNode
  column: Column
  loadingMore: boolean
  onLoadMore: () => void
}

const sumLine = (column: Column, key: 'value' | 'weighted') =>
  column.totals.length === 0
    ? formatMoney(0, 'USD')
    : column.totals.map((total) => formatMoney(total[key], total.currency)).join(' · ')

/** A stage: header with count, value and weighted value (from SQL), its cards, and "load more". */
export const BoardColumn: React.FC<Props> = ({ children, column, loadingMore, onLoadMore }) => {
  const { isOver, setNodeRef } = useDroppable({
    data: { stageId: column.stageId },
    id: `stage-${column.stageId}`,
  })
  return (
    <section
      aria-label={column.name}
      className="deal-board__column"
      data-stage-id={column.stageId}
      ref={setNodeRef}
      style={{
        background: isOver ? 'var(--theme-success-50)' : 'var(--theme-elevation-50)',
        borderRadius: 6,
        display: 'flex',
        flex: '0 0 260px',
        flexDirection: 'column',
        maxHeight: 'calc(100vh - 220px)',
        padding: 8,
      }}
    >
      <header style={{ marginBottom: 8 }}>
        <h3 style={{ margin: 0 }}>{column.name}</h3>
        <div
          className="deal-board__totals"
          style={{ color: 'var(--theme-elevation-600)', fontSize: 12 }}
        >
          <span data-total="count">{column.count} deals</span> ·{' '}
          <span data-total="value">{sumLine(column, 'value')}</span>
          <br />
          <span data-total="weighted">
            {column.winProbability}% weighted: {sumLine(column, 'weighted')}
          </span>
        </div>
      </header>
      <div role="list" style={{ flex: 1, minHeight: 60, overflowY: 'auto' }}>
        {children}
        {column.hasMore ? (
          <Button
            buttonStyle="secondary"
            className="deal-board__more"
            disabled={loadingMore}
            margin={false}
            onClick={onLoadMore}
            size="small"
          >
            {loadingMore ? 'Loading…' : 'Load more'}
          </Button>
        ) : null}
      </div>
    </section>
  )
}
