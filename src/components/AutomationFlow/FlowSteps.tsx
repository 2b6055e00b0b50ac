'use client'

import React from 'react'

import { describeStep, type FlowBlock, type FlowNames, rowsOf } from './describeFlow.js'

export type StepCounts = Record<string, { passed: number; waiting: number }>

export const flowBox: React.CSSProperties = {
  background: 'var(--theme-elevation-50)',
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 4,
  minWidth: 180,
  padding: '6px 10px',
}

export const FlowConnector: React.FC = () => (
  <div aria-hidden style={{ background: 'var(--theme-elevation-300)', height: 12, width: 2 }} />
)

/**
 * One step list, top to bottom; an if/else draws its yes and no lists side by side. Any list may
 * be a row count instead of an array (Payload's form state for a blocks field without rows).
 */
export const FlowSteps: React.FC<{
  counts: StepCounts
  names: FlowNames
  prefix: string
  steps: unknown
}> = ({ counts, names, prefix, steps }) => {
  const rows = rowsOf(steps)
  if (rows.length === 0)
    return (
      <div className="automation-flow__empty" style={{ color: 'var(--theme-elevation-500)' }}>
        No steps
      </div>
    )
  return (
    <div style={{ alignItems: 'center', display: 'flex', flexDirection: 'column', gap: 6 }}>
      {rows.map((step: FlowBlock, index) => {
        const path = `${prefix}${index}`
        const count = counts[path] ?? { passed: 0, waiting: 0 }
        return (
          <React.Fragment key={String(step.id ?? path)}>
            {index > 0 && <FlowConnector />}
            <div className="automation-flow__step" data-path={path} style={flowBox}>
              <div className="automation-flow__text">{describeStep(step, names)}</div>
              <small>
                <span className="automation-flow__waiting">{count.waiting} waiting</span> ·{' '}
                <span className="automation-flow__passed">{count.passed} passed</span>
              </small>
            </div>
            {step.blockType === 'ifElse' && (
              <div style={{ display: 'flex', gap: 16 }}>
                {(['yes', 'no'] as const).map((branch) => (
                  <div
                    className="automation-flow__branch"
                    data-branch={`${path}.${branch}`}
                    key={branch}
                    style={{ border: '1px dashed var(--theme-elevation-200)', padding: 6 }}
                  >
                    <div style={{ textAlign: 'center' }}>{branch === 'yes' ? 'Yes' : 'No'}</div>
                    <FlowSteps
                      counts={counts}
                      names={names}
                      prefix={`${path}.${branch}.`}
                      steps={step[branch]}
                    />
                  </div>
                ))}
              </div>
            )}
          </React.Fragment>
        )
      })}
    </div>
  )
}
