'use client'

import React from 'react'

export type FlowStep = Record<string, unknown> & {
  blockType: string
  no?: FlowStep[]
  yes?: FlowStep[]
}

type Counts = Record<string, { passed: number; waiting: number }>

const describe = (step: FlowStep): string => {
  switch (step.blockType) {
    case 'sendEmail':
      return step.mode === 'template'
        ? `Send template ${String(step.templateAlias ?? '')}`
        : `Send "${String(step.subject ?? '')}"`
    case 'wait':
      return step.mode === 'duration' || !step.mode
        ? `Wait ${String(step.amount ?? '')} ${String(step.unit ?? 'days')}`
        : `Wait (${String(step.mode)})`
    case 'goal':
      return `Goal: ${String(step.name ?? '')}`
    case 'ifElse':
      return `If ${step.test === 'openedPrevious' ? 'opened previous email' : step.test === 'clickedPrevious' ? 'clicked previous email' : 'conditions'}`
    default:
      return step.blockType.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase())
  }
}

const box: React.CSSProperties = {
  background: 'var(--theme-elevation-50)',
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 4,
  minWidth: 180,
  padding: '6px 10px',
}

/** One step list, top to bottom; an if/else draws its yes and no lists side by side. */
export const FlowSteps: React.FC<{ counts: Counts; prefix: string; steps: FlowStep[] }> = ({
  counts,
  prefix,
  steps,
}) => (
  <div style={{ alignItems: 'center', display: 'flex', flexDirection: 'column', gap: 6 }}>
    {steps.map((step, index) => {
      const path = `${prefix}${index}`
      const count = counts[path] ?? { passed: 0, waiting: 0 }
      return (
        <React.Fragment key={String(step.id ?? path)}>
          {index > 0 && (
            <div
              aria-hidden
              style={{ background: 'var(--theme-elevation-300)', height: 12, width: 2 }}
            />
          )}
          <div className="automation-flow__step" data-path={path} style={box}>
            <div>{describe(step)}</div>
            <small>
              <span className="automation-flow__waiting">{count.waiting} waiting</span> ·{' '}
              <span className="automation-flow__passed">{count.passed} passed</span>
            </small>
          </div>
          {step.blockType === 'ifElse' && (
            <div style={{ display: 'flex', gap: 16 }}>
              {(['yes', 'no'] as const).map((branch) => (
                <div
                  key={branch}
                  style={{ border: '1px dashed var(--theme-elevation-200)', padding: 6 }}
                >
                  <div style={{ textAlign: 'center' }}>{branch === 'yes' ? 'Yes' : 'No'}</div>
                  <FlowSteps
                    counts={counts}
                    prefix={`${path}.${branch}.`}
                    steps={step[branch] ?? []}
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
