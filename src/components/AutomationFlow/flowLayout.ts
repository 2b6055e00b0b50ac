import type { Edge, Node } from '@xyflow/react'

import { type FlowBlock, rowsOf } from './describeFlow.js'

export const nodeWidth = 250
export const nodeHeight = 84
const terminalHeight = 32
const columnGap = 36
const rowGap = 64

/** Where a "+" inserts a step: the blocks list (form path) and the index in it. */
export type InsertAt = { index: number; list: string }

export type StepNodeData = { kind: 'step'; path: string; step: FlowBlock }
export type TriggerNodeData = { kind: 'trigger'; triggers: FlowBlock[] }
/** The end of a step list: "Exit" at the top level, or the end of a yes/no branch. */
export type TerminalNodeData = {
  branch?: 'no' | 'yes'
  empty: boolean
  kind: 'terminal'
  path: string
}
export type FlowNodeData = StepNodeData | TerminalNodeData | TriggerNodeData

export type FlowNode = Node<FlowNodeData>
export type FlowEdge = Edge<{ insertAt?: InsertAt; label?: string }>

/** Width a step list needs: the widest step, an if/else being its two branches side by side. */
const listWidth = (steps: FlowBlock[]): number =>
  Math.max(nodeWidth, ...steps.map((step) => stepWidth(step)))

const stepWidth = (step: FlowBlock): number =>
  step.blockType === 'ifElse'
    ? listWidth(rowsOf(step.yes)) + columnGap + listWidth(rowsOf(step.no))
    : nodeWidth

/**
 * The automation as canvas nodes and edges, positioned top to bottom: the triggers, each step
 * (nodes in the order the old list showed them: a step, then its yes branch, then its no branch),
 * an if/else's branches side by side, each list closed by a terminal node. Every edge that runs
 * between two places of one step list carries `insertAt`, where its "+" adds a step.
 */
export const layoutFlow = (
  triggers: FlowBlock[],
  steps: FlowBlock[],
): { edges: FlowEdge[]; nodes: FlowNode[] } => {
  const nodes: FlowNode[] = []
  const edges: FlowEdge[] = []
  const connect = (source: string, target: string, data: FlowEdge['data'] = {}) =>
    edges.push({
      id: `${source}->${target}`,
      data,
      source,
      target,
      type: data.insertAt ? 'insert' : 'smoothstep',
    })
  const place = (id: string, data: FlowNodeData, centerX: number, y: number, height: number) =>
    nodes.push({
      id,
      data,
      height,
      position: { x: centerX - nodeWidth / 2, y },
      type: data.kind,
      width: nodeWidth,
    })

  /** Lays out one list below `entry` (whose edge into the list gets `label`); returns its exits and the next free y. */
  const layoutList = (
    list: FlowBlock[],
    listPath: string,
    pathPrefix: string,
    entry: string,
    centerX: number,
    top: number,
    terminal: Omit<TerminalNodeData, 'kind'>,
    label?: string,
  ): number => {
    let sources = [entry]
    let y = top
    const into = (target: string, index: number) => {
      sources.forEach((source, i) =>
        connect(source, target, {
          // After an if/else both branch ends join here; the first of them carries the insert point.
          insertAt: i === 0 ? { index, list: listPath } : undefined,
          label: index === 0 && i === 0 ? label : undefined,
        }),
      )
    }
    list.forEach((step, index) => {
      const path = `${pathPrefix}${index}`
      const id = `step:${path}`
      place(id, { kind: 'step', path, step }, centerX, y, nodeHeight)
      into(id, index)
      y += nodeHeight + rowGap
      if (step.blockType !== 'ifElse') {
        sources = [id]
        return
      }
      const yes = rowsOf(step.yes)
      const no = rowsOf(step.no)
      const width = stepWidth(step)
      const left = centerX - width / 2
      const bottoms = (['yes', 'no'] as const).map((branch) => {
        const branchSteps = branch === 'yes' ? yes : no
        const branchCenter =
          branch === 'yes' ? left + listWidth(yes) / 2 : left + width - listWidth(no) / 2
        return layoutList(
          branchSteps,
          `${listPath}.${index}.${branch}`,
          `${path}.${branch}.`,
          id,
          branchCenter,
          y,
          { branch, empty: branchSteps.length === 0, path: `${path}.${branch}` },
          branch === 'yes' ? 'Yes' : 'No',
        )
      })
      sources = [`end:${path}.yes`, `end:${path}.no`]
      y = Math.max(...bottoms)
    })
    const end = `end:${terminal.path}`
    place(end, { kind: 'terminal', ...terminal }, centerX, y, terminalHeight)
    into(end, list.length)
    return y + terminalHeight + rowGap
  }

  place('trigger', { kind: 'trigger', triggers }, 0, 0, nodeHeight)
  layoutList(steps, 'steps', '', 'trigger', 0, nodeHeight + rowGap, {
    empty: steps.length === 0,
    path: 'steps',
  })
  return { edges, nodes }
}
