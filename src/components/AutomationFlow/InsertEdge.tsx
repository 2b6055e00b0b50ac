'use client'
import type { EdgeProps } from '@xyflow/react'
import type React from 'react'

import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath } from '@xyflow/react'
import { Button, Popup, PopupList } from '@payloadcms/ui'

import type { FlowEdge } from './flowLayout.js'

import { iconUrl, stepCatalog } from '../../automations/steps/stepCatalog.js'
import { useFlowActions } from './flowActions.js'

/**
 * An edge between two places of one step list, with a "+" in its middle that offers the step
 * types this list accepts (icon, name, one line of description) and inserts the chosen one there.
 */
export const InsertEdge: React.FC<EdgeProps<FlowEdge>> = ({
  data,
  id,
  sourcePosition,
  sourceX,
  sourceY,
  targetPosition,
  targetX,
  targetY,
}) => {
  const { addStep, choicesFor, readOnly } = useFlowActions()
  const [path, labelX, labelY] = getSmoothStepPath({
    sourcePosition,
    sourceX,
    sourceY,
    targetPosition,
    targetX,
    targetY,
  })
  const insertAt = data?.insertAt
  return (
    <>
      <BaseEdge id={id} path={path} />
      <EdgeLabelRenderer>
        <div
          className="nodrag nopan"
          style={{
            alignItems: 'center',
            display: 'flex',
            gap: 6,
            pointerEvents: 'all',
            position: 'absolute',
            transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
          }}
        >
          {data?.label ? (
            <span style={{ color: 'var(--theme-elevation-600)', fontSize: 12 }}>{data.label}</span>
          ) : null}
          {insertAt && !readOnly ? (
            <Popup
              button={
                <Button
                  aria-label="Add a step here"
                  buttonStyle="icon-label"
                  className="automation-flow__add"
                  el="span"
                  extraButtonProps={{ 'data-insert': `${insertAt.list}:${insertAt.index}` }}
                  icon="plus"
                  iconStyle="with-border"
                  margin={false}
                  round
                  size="xsmall"
                />
              }
              buttonType="custom"
              horizontalAlign="center"
              render={({ close }) => (
                <PopupList.ButtonGroup>
                  {choicesFor(insertAt.list).map((choice) => {
                    const presentation = stepCatalog[choice.slug]
                    return (
                      <PopupList.Button
                        className="automation-flow__choice"
                        key={choice.slug}
                        onClick={() => {
                          close()
                          addStep(insertAt, choice.slug)
                        }}
                      >
                        <span style={{ alignItems: 'center', display: 'flex', gap: 8 }}>
                          {presentation ? (
                            <img alt="" height={20} src={iconUrl(presentation.icon)} width={20} />
                          ) : null}
                          <span>
                            <strong>{choice.label}</strong>
                            {presentation ? (
                              <small
                                style={{ color: 'var(--theme-elevation-600)', display: 'block' }}
                              >
                                {presentation.description}
                              </small>
                            ) : null}
                          </span>
                        </span>
                      </PopupList.Button>
                    )
                  })}
                </PopupList.ButtonGroup>
              )}
              size="medium"
            />
          ) : null}
        </div>
      </EdgeLabelRenderer>
    </>
  )
}

export const flowEdgeTypes = { insert: InsertEdge }
