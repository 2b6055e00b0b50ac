import { compileFastTemplate, renderFastTemplate } from './fastOutputs.js'
import { compileTemplate, engineFor, renderCompiled, type TemplateMode } from './liquid.js'

const scopes: Record<string, unknown>[] = [
  {
    contact: {
      attributes: { plan: 'pro' },
      email: 'a@example.com',
      firstName: 'Ada',
      id: 7,
      plan: 'pro',
    },
    unsubscribe_url: 'https://x.test/u?token=a.b',
  },
  { contact: { email: 'b@example.com', firstName: '', id: 8 } },
  { contact: { email: 'c@example.com', firstName: null, id: 0, vip: false, score: 0 } },
  {
    contact: {
      email: 'd@example.com',
      firstName: `<b>"Tom" & 'Jerry'</b>`,
      id: 9,
      vip: true,
      score: 12.5,
    },
  },
  {},
]
/** Not a plain object: the fast path hands it to liquidjs. */
const classScope = { contact: Object.create({ inherited: 'no' }) }

const simpleTemplates = [
  'Hello {{ contact.firstName }}!',
  'Hello {{contact.firstName|default:"there"}}, plan {{ contact.attributes.plan | default: \'free\' }}',
  '<p>{{ contact.firstName | default: "<friend> & \'co\'" }}</p><a href="{{ unsubscribe_url }}">x</a>',
  '{{ contact.vip }} {{ contact.vip | default: "no" }} {{ contact.score }} {{ contact.score | default: "none" }} {{ contact.id }}',
  '{{ contact.missing.deeper }}{{ contact.toString }}{{ contact.constructor }}{{ contact.inherited }}{{ nothing }}',
]

describe('simple Liquid outputs without liquidjs', () => {
  it.each(simpleTemplates)(
    'renders %s exactly as liquidjs does, in both modes, for every scope',
    (source) => {
      const fast = compileFastTemplate(source)
      expect(fast).not.toBeNull()
      for (const mode of ['html', 'text'] as TemplateMode[]) {
        for (const scope of scopes) {
          const expected = engineFor(mode).parseAndRenderSync(source, scope)
          expect(renderFastTemplate(fast!, scope, mode === 'html')).toBe(expected)
        }
        expect(renderFastTemplate(fast!, classScope, mode === 'html')).toBeNull()
        expect(renderCompiled(compileTemplate(source, { mode }), classScope)).toBe(
          engineFor(mode).parseAndRenderSync(source, classScope),
        )
      }
    },
  )

  it.each([
    '{% if contact.vip %}VIP{% endif %}',
    '{{ contact.firstName | upcase }}',
    '{{- contact.firstName -}}',
    '{{ contact.tags.size }}',
    '{{ contact.tags.first }}',
    '{{ true }}',
    '{{ contact["first name"] }}',
    '{{ "literal" }}',
  ])('leaves %s to liquidjs', (source) => {
    expect(compileFastTemplate(source)).toBeNull()
  })

  it('hands values that are not plain text, numbers or booleans back to liquidjs', () => {
    const fast = compileFastTemplate('{{ contact.tags }} {{ contact.when.year }}')!
    expect(renderFastTemplate(fast, { contact: { tags: ['a', 'b'] } }, true)).toBeNull()
    expect(renderFastTemplate(fast, { contact: { when: new Date(0) } }, true)).toBeNull()
  })
})
