'use client'
import type { NodeProps } from '@xyflow/react'
import type React from 'react'

import { Handle, Position } from '@xyflow/react'

import type { FlowNode, StepNodeData, TerminalNodeData, TriggerNodeData } from './flowLayout.js'

import { iconUrl, stepCatalog, triggerIcon } from '../../automations/steps/stepCatalog.js'
import { describeStep, describeTrigger } from './describeFlow.js'
import { useFlowActions } from './flowActions.js'

const card: React.CSSProperties = {
  background: 'var(--theme-elevation-0)',
  border: '1px solid var(--theme-elevation-200)',
  borderRadius: 'var(--style-radius-m, 4px)',
  boxSizing: 'border-box',
  color: 'var(--theme-text)',
  cursor: 'pointer',
  display: 'flex',
  gap: 10,
  height: '100%',
  padding: '8px 10px',
  textAlign: 'left',
  width: '100%',
}
const oneLine: React.CSSProperties = {
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
}
const hidden: React.CSSProperties = { opacity: 0 }

const Icon: React.FC<{ svg: string }> = ({ svg }) => (
  <img alt="" height={24} src={iconUrl(svg)} style={{ flex: '0 0 auto' }} width={24} />
)

/** Opens with a click or with Enter/Space when focused. */
const pressable = (open: () => void) => ({
  onClick: open,
  onKeyDown: (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      open()
    }
  },
  role: 'button',
  tabIndex: 0,
})

export const StepNode: React.FC<NodeProps<FlowNode>> = ({ data }) => {
  const { counts, names, openStep } = useFlowActions()
  const { path, step } = data as StepNodeData
  const count = counts[path] ?? { passed: 0, waiting: 0 }
  const text = describeStep(step, names)
  const presentation = stepCatalog[String(step.blockType)]
  return (
    <div
      aria-label={`Open step: ${text}`}
      className="automation-flow__step"
      data-path={path}
      style={card}
      {...pressable(() => openStep(path))}
    >
      <Handle isConnectable={false} position={Position.Top} style={hidden} type="target" />
      {presentation ? <Icon svg={presentation.icon} /> : null}
      <div style={{ minWidth: 0 }}>
        <div className="automation-flow__text" style={{ ...oneLine, fontWeight: 600 }} title={text}>
          {text}
        </div>
        <small style={{ color: 'var(--theme-elevation-600)' }}>
          <span className="automation-flow__waiting">{count.waiting} waiting</span> ·{' '}
          <span className="automation-flow__passed">{count.passed} passed</span>
        </small>
      </div>
      <Handle isConnectable={false} position={Position.Bottom} style={hidden} type="source" />
    </div>
  )
}

export const TriggerNode: React.FC<NodeProps<FlowNode>> = ({ data }) => {
  const { names, openTriggers } = useFlowActions()
  const { triggers } = data as TriggerNodeData
  return (
    <div
      aria-label="Open the triggers"
      className="automation-flow__trigger"
      style={{ ...card, background: 'var(--theme-elevation-50)' }}
      {...pressable(openTriggers)}
    >
      <Icon svg={triggerIcon} />
      <div style={{ minWidth: 0 }}>
        {triggers.length === 0 ? (
          <div className="automation-flow__text">
            No trigger: contacts enter only through enroll()
          </div>
        ) : (
          triggers.map((trigger, index) => {
            const text = `${index === 0 ? 'When: ' : 'or: '}${describeTrigger(trigger, names)}`
            return (
              <div
                className="automation-flow__text"
                key={String(trigger.id ?? index)}
                style={oneLine}
                title={text}
              >
                {text}
              </div>
            )
          })
        )}
      </div>
      <Handle isConnectable={false} position={Position.Bottom} style={hidden} type="source" />
    </div>
  )
}

/** The end of a list: "Exit" at the top level, the end of a yes or no branch inside an if/else. */
export const TerminalNode: React.FC<NodeProps<FlowNode>> = ({ data }) => {
  const { branch, empty, path } = data as TerminalNodeData
  const label = branch === 'yes' ? 'Yes' : branch === 'no' ? 'No' : 'Exit'
  return (
    <div
      className={branch ? 'automation-flow__branch' : 'automation-flow__exit'}
      data-branch={branch ? path : undefined}
      style={{
        alignItems: 'center',
        border: '1px dashed var(--theme-elevation-300)',
        borderRadius: 16,
        boxSizing: 'border-box',
        color: 'var(--theme-elevation-600)',
        display: 'flex',
        gap: 6,
        height: '100%',
        justifyContent: 'center',
        width: '100%',
      }}
    >
      <Handle isConnectable={false} position={Position.Top} style={hidden} type="target" />
      <span>{label}</span>
      {empty ? <span className="automation-flow__empty">No steps</span> : null}
      <Handle isConnectable={false} position={Position.Bottom} style={hidden} type="source" />
    </div>
  )
}

export const flowNodeTypes = { step: StepNode, terminal: TerminalNode, trigger: TriggerNode }
