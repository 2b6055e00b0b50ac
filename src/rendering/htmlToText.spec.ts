import { htmlToPlainText, htmlToTextTemplate } from './htmlToText.js'

describe('htmlToPlainText', () => {
  const html =
    '<html><head><title>Title</title><style>p{color:red}</style></head><body>' +
    '<div style="display:none" data-skip-in-text="true">Preview text</div>' +
    '<h1>Welcome aboard</h1>' +
    '<p>Read <a href="https://example.com/post?a=1&amp;b=2">the post</a> or visit <a href="https://example.com">https://example.com</a>.</p>' +
    '<img src="https://cdn.example.com/x.png" alt="Hero">' +
    `<p>${'lorem '.repeat(40)}</p></body></html>`
  const text = htmlToPlainText(html)

  it('writes links as text [url]', () => {
    expect(text).toContain('the post [https://example.com/post?a=1&b=2]')
    expect(text).toContain('visit https://example.com.')
  })

  it('skips the head, the preheader and images', () => {
    expect(text).not.toContain('Title')
    expect(text).not.toContain('color:red')
    expect(text).not.toContain('Preview text')
    expect(text).not.toContain('Hero')
    expect(text).not.toContain('x.png')
    expect(text.startsWith('Welcome aboard')).toBe(true)
  })

  it('wraps at 78 columns', () => {
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThanOrEqual(78)
  })

  it('keeps Liquid tags intact, including in hrefs and headings', () => {
    const template = htmlToTextTemplate(
      '<h2>Hi {{ contact.firstName | default: "there" }}</h2>' +
        '{% if contact.vip %}<p>VIP only</p>{% endif %}' +
        `<p>${'word '.repeat(14)}{{ contact.some.long.path | default: "a fallback value with spaces" }}</p>` +
        '<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>',
    )
    expect(template.complete).toBe(true)
    expect(template.text).toContain('Hi {{ contact.firstName | default: "there" }}')
    expect(template.text).toContain('{% if contact.vip %}')
    expect(template.text).toContain('{% endif %}')
    expect(template.text).toContain(
      '{{ contact.some.long.path | default: "a fallback value with spaces" }}',
    )
    expect(template.text).toContain('Unsubscribe [{{ unsubscribe_url }}]')
  })
})
