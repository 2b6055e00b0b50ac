'use client'
import { createContext, useContext } from 'react'

import type { FlowNames } from './describeFlow.js'
import type { InsertAt } from './flowLayout.js'
import type { StepChoice } from './stepChoices.js'

/** Per step path: contacts waiting there and contacts that went past it. */
export type StepCounts = Record<string, { passed: number; waiting: number }>

/** What the canvas's nodes and "+" buttons need from the form around them. */
export type FlowActions = {
  addStep: (at: InsertAt, blockType: string) => void
  choicesFor: (list: string) => StepChoice[]
  counts: StepCounts
  names: FlowNames
  openStep: (path: string) => void
  openTriggers: () => void
  readOnly: boolean
}

export const FlowActionsContext = createContext<FlowActions | null>(null)

export const useFlowActions = (): FlowActions => {
  const actions = useContext(FlowActionsContext)
  if (!actions) throw new Error('The automation canvas parts need the FlowActionsContext.')
  return actions
}
