/** One node of `EXPLAIN (FORMAT JSON)` output, with the fields plan tests read. */
export type PlanNode = {
  'Actual Rows'?: number
  Alias?: string
  'Index Name'?: string
  'Node Type': string
  Plans?: PlanNode[]
  'Relation Name'?: string
  'Rows Removed by Filter'?: number
}

/** Every node of a plan, the root first. */
export const nodesOf = (node: PlanNode): PlanNode[] => [
  node,
  ...(node.Plans ?? []).flatMap(nodesOf),
]
