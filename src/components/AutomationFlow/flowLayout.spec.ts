import { layoutFlow, nodeWidth } from './flowLayout'

const steps = [
  { blockType: 'sendEmail', subject: 'Hi' },
  {
    blockType: 'ifElse',
    no: [],
    test: 'openedPrevious',
    yes: [{ blockType: 'wait' }, { blockType: 'end' }],
  },
  { blockType: 'addTag' },
]

describe('the canvas layout', () => {
  const { edges, nodes } = layoutFlow([{ blockType: 'customEvent', event: 'x' }], steps)
  const at = (id: string) => nodes.find((node) => node.id === id)!.position

  it('draws the trigger, every step in the order of the list view, and the end of each list', () => {
    expect(nodes.map((node) => node.id)).toEqual([
      'trigger',
      'step:0',
      'step:1',
      'step:1.yes.0',
      'step:1.yes.1',
      'end:1.yes',
      'end:1.no',
      'step:2',
      'end:steps',
    ])
  })

  it('puts the yes branch left of the no branch, both below the if/else, and the next step below both', () => {
    expect(at('step:1.yes.0').x).toBeLessThan(at('end:1.no').x)
    expect(at('step:1.yes.0').x + nodeWidth).toBeLessThanOrEqual(at('end:1.no').x)
    expect(at('step:1.yes.0').y).toBe(at('end:1.no').y)
    expect(at('step:1.yes.0').y).toBeGreaterThan(at('step:1').y)
    expect(at('step:2').y).toBeGreaterThan(at('end:1.yes').y)
  })

  it('gives each "+" the list and index where it inserts', () => {
    const inserts = edges
      .filter((edge) => edge.data?.insertAt)
      .map(
        (edge) =>
          `${edge.source}->${edge.target} ${edge.data!.insertAt!.list}:${edge.data!.insertAt!.index}`,
      )
    expect(inserts).toEqual([
      'trigger->step:0 steps:0',
      'step:0->step:1 steps:1',
      'step:1->step:1.yes.0 steps.1.yes:0',
      'step:1.yes.0->step:1.yes.1 steps.1.yes:1',
      'step:1.yes.1->end:1.yes steps.1.yes:2',
      'step:1->end:1.no steps.1.no:0',
      'end:1.yes->step:2 steps:2',
      'step:2->end:steps steps:3',
    ])
    // Both branch ends join the next step; only one of the two edges offers the "+".
    expect(edges.find((edge) => edge.id === 'end:1.no->step:2')?.data?.insertAt).toBeUndefined()
    expect(edges.filter((edge) => edge.data?.label).map((edge) => edge.data!.label)).toEqual([
      'Yes',
      'No',
    ])
  })
})
