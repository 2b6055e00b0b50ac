'use client'
import type React from 'react'

import { useTheme } from '@payloadcms/ui'
import { Controls, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { useEffect, useMemo } from 'react'

import type { FlowBlock } from './describeFlow.js'
import type { FlowActions } from './flowActions.js'

import { FlowActionsContext } from './flowActions.js'
import { flowEdgeTypes } from './InsertEdge.js'
import { layoutFlow } from './flowLayout.js'
import { flowNodeTypes } from './FlowNodes.js'

type Props = { actions: FlowActions; steps: FlowBlock[]; triggers: FlowBlock[] }

/** Fits the whole flow into view again whenever its shape changes (a step added or removed). */
const FitOnChange: React.FC<{ shape: string }> = ({ shape }) => {
  const { fitView } = useReactFlow()
  useEffect(() => {
    const frame = requestAnimationFrame(() => void fitView({ maxZoom: 1, padding: 0.1 }))
    return () => cancelAnimationFrame(frame)
  }, [fitView, shape])
  return null
}

/**
 * The automation drawn with React Flow: pan and zoom, the triggers and every step as a node,
 * if/else branches side by side, a "+" on each edge. Positions come from `layoutFlow`; nodes are
 * not dragged, the order lives in the form's blocks.
 */
export const FlowCanvas: React.FC<Props> = ({ actions, steps, triggers }) => {
  const { theme } = useTheme()
  const { edges, nodes } = useMemo(() => layoutFlow(triggers, steps), [steps, triggers])
  const shape = nodes.map((node) => node.id).join(',')
  return (
    <FlowActionsContext.Provider value={actions}>
      <ReactFlowProvider>
        <div
          className="automation-flow__canvas"
          style={{
            border: '1px solid var(--theme-elevation-150)',
            borderRadius: 'var(--style-radius-m, 4px)',
            height: 'min(70vh, 560px)',
            width: '100%',
          }}
        >
          <ReactFlow
            colorMode={theme === 'dark' ? 'dark' : 'light'}
            edges={edges}
            edgesFocusable={false}
            edgeTypes={flowEdgeTypes}
            fitView
            fitViewOptions={{ maxZoom: 1, padding: 0.1 }}
            minZoom={0.2}
            nodes={nodes}
            nodesConnectable={false}
            nodesDraggable={false}
            nodeTypes={flowNodeTypes}
            panOnScroll={false}
            preventScrolling={false}
            style={{ background: 'var(--theme-elevation-0)' }}
            zoomOnScroll={false}
          >
            <Controls showInteractive={false} />
            <FitOnChange shape={shape} />
          </ReactFlow>
        </div>
      </ReactFlowProvider>
    </FlowActionsContext.Provider>
  )
}
