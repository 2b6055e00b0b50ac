import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'

import type { RenderLayoutInput } from './layout.js'

// ESM jest: count renderLayout calls by wrapping the real module before renderEmail imports it.
type MockApi = { unstable_mockModule: (path: string, factory: () => unknown) => void }
const { jest: esmJest } = import.meta as unknown as { jest: MockApi }
const actualLayout = await import('./layout.js')
let layoutRenders = 0
esmJest.unstable_mockModule('./layout.js', () => ({
  ...actualLayout,
  renderLayout: (input: RenderLayoutInput) => {
    layoutRenders++
    return actualLayout.renderLayout(input)
  },
}))
const { prepareEmail, personalize } = await import('./renderEmail.js')
const { lexicalToEmailHtml } = await import('./lexicalToEmailHtml.js')
const { TemplateSyntaxError } = await import('./liquid.js')

const text = (value: string, format = 0) => ({
  type: 'text',
  version: 1,
  text: value,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
})
const element = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  type,
  version: 1,
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  ...extra,
})

const body = lexicalToEmailHtml({
  root: element('root', [
    element('heading', [text('Hi {{ contact.firstName | default: "there" }}')], { tag: 'h2' }),
    element('paragraph', [
      text('Read '),
      element('link', [text('our story')], {
        fields: { url: 'https://example.com/story', linkType: 'custom', newTab: false },
      }),
      text(' today.'),
    ]),
    element('paragraph', [text('{% if contact.vip %}You are VIP.{% endif %}')]),
    {
      type: 'block',
      version: 2,
      format: '',
      fields: {
        id: 'b',
        blockName: '',
        blockType: 'button',
        label: 'Open',
        url: 'https://example.com/open?c={{ contact.id }}',
      },
    },
  ]),
} as unknown as SerializedEditorState)

const contacts = [
  { id: 1, firstName: 'Ann', vip: true },
  { id: 2, firstName: '<b>Bob</b>', vip: false },
]

describe('prepareEmail + personalize', () => {
  const input = {
    subject: 'News for {{ contact.firstName | default: "you" }} & friends',
    preheader: 'This week: {{ contact.firstName }}',
    html: body,
    kind: 'marketing' as const,
    layout: { postalAddress: 'Acme Inc., 1 Main Street' },
  }

  it('renders the layout and compiles the templates once', async () => {
    layoutRenders = 0
    const prepared = await prepareEmail(input)
    expect(layoutRenders).toBe(1)
    expect(prepared.html.templates.length).toBeGreaterThan(0)
    expect(prepared.subject.mode).toBe('text')
    expect(prepared.text).not.toBeNull()
    expect(prepared.text!.source).toContain('our story [https://example.com/story]')

    const results = contacts.map((contact) =>
      personalize(prepared, { contact, unsubscribe_url: `https://u.example.com/${contact.id}` }),
    )
    expect(layoutRenders).toBe(1)
    expect(results[0]).not.toBeInstanceOf(Promise)

    const [ann, bob] = results as [ReturnType<typeof personalize>, ReturnType<typeof personalize>]
    expect(ann.subject).toBe('News for Ann & friends')
    expect(bob.subject).toBe('News for <b>Bob</b> & friends')
    expect(ann.html).toContain('Hi Ann</h2>')
    expect(bob.html).toContain('Hi &lt;b&gt;Bob&lt;/b&gt;</h2>')
    expect(ann.html).toContain('You are VIP.')
    expect(bob.html).not.toContain('You are VIP.')
    expect(ann.html).toContain('href="https://example.com/open?c=1"')
    expect(ann.html).toContain('href="https://u.example.com/1"')
    expect(bob.html).toContain('href="https://u.example.com/2"')
    expect(ann.html).toContain('Acme Inc., 1 Main Street')

    expect(ann.text).toContain('Hi Ann')
    expect(bob.text).toContain('Hi <b>Bob</b>')
    expect(ann.text).toContain('our story [https://example.com/story]')
    expect(ann.text).toContain('Open [https://example.com/open?c=1]')
    expect(ann.text).toContain('Unsubscribe [https://u.example.com/1]')
    expect(ann.text).not.toContain('This week')
    expect(bob.text).not.toContain('You are VIP.')
    expect(bob.text).not.toMatch(/\n{3,}/)
  })

  it('uses defaults for missing contact fields', async () => {
    const prepared = await prepareEmail(input)
    const email = personalize(prepared, {})
    expect(email.subject).toBe('News for you & friends')
    expect(email.html).toContain('Hi there</h2>')
    expect(email.html).toContain('This week: ')
  })

  it('omits the unsubscribe link for transactional email', async () => {
    const prepared = await prepareEmail({ ...input, kind: 'transactional' })
    const email = personalize(prepared, {
      contact: contacts[0],
      unsubscribe_url: 'https://u.example.com/1',
    })
    expect(email.html).not.toMatch(/unsubscribe/i)
    expect(email.text).not.toMatch(/unsubscribe/i)
  })

  it('reports broken Liquid with the field it came from', async () => {
    await expect(prepareEmail({ ...input, subject: 'Hi {{ contact.firstName' })).rejects.toThrow(
      TemplateSyntaxError,
    )
    await expect(
      prepareEmail({ ...input, html: '<p>ok</p>\n<p>{% if x %}</p>' }),
    ).rejects.toMatchObject({
      field: 'body',
      line: 2,
      col: 4,
    })
  })
})
