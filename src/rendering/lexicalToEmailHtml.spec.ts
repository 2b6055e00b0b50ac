import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'

import { emailBlocks } from './emailBlocks.js'
import { lexicalToEmailHtml } from './lexicalToEmailHtml.js'

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
const paragraph = (...children: unknown[]) =>
  element('paragraph', children, { textFormat: 0, textStyle: '' })
const block = (id: string, fields: Record<string, unknown>) => ({
  type: 'block',
  version: 2,
  format: '',
  fields: { id, blockName: '', ...fields },
})
const editorState = (...children: unknown[]) =>
  ({ root: element('root', children) }) as unknown as SerializedEditorState

const doc = editorState(
  element('heading', [text('Hello {{ contact.firstName | default: "there" }}')], { tag: 'h1' }),
  paragraph(
    text('Bold', 1),
    text(' and italic', 2),
    text(' and '),
    element('link', [text('a link')], {
      id: 'l1',
      fields: { url: 'https://example.com/offer?a=1&b=2', linkType: 'custom', newTab: true },
    }),
    text(' <script>alert(1)</script>'),
  ),
  element(
    'list',
    [
      element('listitem', [text('First')], { value: 1 }),
      element('listitem', [text('Second', 8)], { value: 2 }),
    ],
    { listType: 'number', tag: 'ol', start: 1 },
  ),
  element('quote', [text('Quoted')]),
  { type: 'horizontalrule', version: 1 },
  block('b1', {
    blockType: 'button',
    label: 'Shop now',
    url: 'https://shop.example.com/?utm=1',
    color: '#ff0000',
  }),
  block('b2', {
    blockType: 'image',
    src: 'https://cdn.example.com/hero.png',
    alt: 'Hero "image"',
    width: 480,
    href: 'https://example.com',
  }),
  block('b3', { blockType: 'divider' }),
  block('b4', { blockType: 'spacer', height: 40 }),
  block('b5', {
    blockType: 'twoColumns',
    left: editorState(paragraph(text('Left column'))),
    right: editorState(element('heading', [text('Right heading')], { tag: 'h3' })),
  }),
)

describe('lexicalToEmailHtml', () => {
  const html = lexicalToEmailHtml(doc)

  it('never emits a class attribute or container div', () => {
    expect(html).not.toMatch(/class=/i)
    expect(html).not.toContain('payload-richtext')
    expect(html.startsWith('<h1')).toBe(true)
  })

  it('inlines styles on text elements', () => {
    expect(html).toMatch(/<h1 style="[^"]*font-size:28px/)
    expect(html).toMatch(/<p style="margin:0 0 16px;[^"]*"/)
    expect(html).toMatch(/<ol style="[^"]*padding:0 0 0 24px/)
    expect(html).toMatch(/<li style="[^"]*">First<\/li>/)
    expect(html).toMatch(/<blockquote style="[^"]*border-left:4px solid/)
    expect(html).toContain('<strong style="font-weight:bold;">Bold</strong>')
    expect(html).toContain('<em style="font-style:italic;"> and italic</em>')
    expect(html).toContain('<span style="text-decoration:underline;">Second</span>')
  })

  it('renders links with href, target and inline colour', () => {
    expect(html).toContain(
      '<a href="https://example.com/offer?a=1&amp;b=2" target="_blank" rel="noopener noreferrer" style="color:#2563eb;text-decoration:underline;">a link</a>',
    )
    expect(lexicalToEmailHtml(doc, { linkColor: '#ff6600' })).toContain(
      'color:#ff6600;text-decoration:underline;',
    )
  })

  it('escapes text but keeps Liquid tags verbatim', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<script>')
    expect(html).toContain('Hello {{ contact.firstName | default: "there" }}</h1>')
  })

  it('renders the button block as a bulletproof table', () => {
    const button =
      /<table role="presentation"[^>]*><tr><td align="left"><table role="presentation"[^>]*><tr><td align="center" bgcolor="#ff0000" style="[^"]*background-color:#ff0000;[^"]*"><a href="https:\/\/shop\.example\.com\/\?utm=1"[^>]*style="display:inline-block;[^"]*">Shop now<\/a><\/td><\/tr><\/table>/
    expect(html).toMatch(button)
  })

  it('renders image, divider, spacer and horizontal rule blocks', () => {
    expect(html).toContain(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer" style="text-decoration:none;"><img src="https://cdn.example.com/hero.png" alt="Hero &quot;image&quot;" width="480" style="display:block;',
    )
    expect(html).toMatch(/<td height="40" style="height:40px;/)
    expect(html.match(/border-top:1px solid #e5e7eb/g)).toHaveLength(2)
  })

  it('renders two columns as a two-cell table with recursively converted content', () => {
    const match = html.match(/<td width="50%"[^>]*>(.*?)<\/td><td width="50%"[^>]*>(.*?)<\/td>/)
    expect(match?.[1]).toMatch(/^<p style="[^"]+">Left column<\/p>$/)
    expect(match?.[2]).toMatch(/^<h3 style="[^"]*font-size:18px[^"]*">Right heading<\/h3>$/)
  })

  it('neutralises dangerous URLs and colours', () => {
    const evil = lexicalToEmailHtml(
      editorState(
        paragraph(
          element('link', [text('x')], {
            fields: { url: 'java\tscript:alert(1)', linkType: 'custom', newTab: false },
          }),
        ),
        block('b', {
          blockType: 'button',
          label: 'Go',
          url: 'javascript:alert(1)',
          color: 'red;background:url(x)',
        }),
      ),
      { buttonColor: '#123456' },
    )
    expect(evil).not.toMatch(/javascript/i)
    expect(evil).toContain('href="#"')
    expect(evil).toContain('bgcolor="#123456"')
  })

  it('returns an empty string for empty documents', () => {
    expect(lexicalToEmailHtml(editorState(paragraph()))).toBe('')
    expect(lexicalToEmailHtml(undefined)).toBe('')
  })
})

describe('emailBlocks', () => {
  it('exposes the block configs matching the converters', () => {
    expect(emailBlocks.map((b) => b.slug)).toEqual([
      'button',
      'image',
      'divider',
      'spacer',
      'twoColumns',
    ])
    const image = emailBlocks.find((b) => b.slug === 'image')!
    expect(image.fields.find((f) => 'name' in f && f.name === 'src')).toMatchObject({
      type: 'text',
      required: true,
    })
    const columns = emailBlocks.find((b) => b.slug === 'twoColumns')!
    expect(columns.fields.map((f) => ('name' in f ? [f.name, f.type] : null))).toEqual([
      ['left', 'richText'],
      ['right', 'richText'],
    ])
  })
})
