import { renderLayout } from './layout.js'

const bodyHtml =
  '<p style="margin:0">Hi {{ contact.firstName | default: "there" }}</p>{% if contact.vip %}<p>VIP</p>{% endif %}'

describe('renderLayout', () => {
  it('renders a marketing email with postal address and unsubscribe link', async () => {
    const html = await renderLayout({
      bodyHtml,
      kind: 'marketing',
      preheader: 'Hello {{ contact.firstName | default: "friend" }}',
      unsubscribeUrl: 'https://example.com/unsubscribe?token={{ contact.token }}',
      layout: {
        postalAddress: 'Acme Inc.\n1 Main Street',
        logoUrl: 'https://cdn.example.com/logo.png',
        brandColor: '#ff6600',
      },
    })
    expect(html.startsWith('<!DOCTYPE html')).toBe(true)
    expect(html).toContain('<a href="https://example.com/unsubscribe?token={{ contact.token }}"')
    expect(html).toContain('>Unsubscribe</a>')
    expect(html).toContain('Acme Inc.')
    expect(html).toContain('1 Main Street')
    expect(html).toContain('src="https://cdn.example.com/logo.png"')
    expect(html).toContain('border-top:4px solid #ff6600')
  })

  it('gives the body its font once, on the wrapper its paragraphs inherit from', async () => {
    const html = await renderLayout({
      bodyHtml: '<p style="margin:0 0 16px;">Hello</p>',
      kind: 'marketing',
    })
    expect(html).toMatch(
      /<div style="color:#111827;font-family:-apple-system,[^"]*;font-size:16px;line-height:24px"><p style="margin:0 0 16px;">Hello<\/p>/,
    )
  })

  it('defaults the marketing unsubscribe URL to a Liquid placeholder', async () => {
    const html = await renderLayout({ bodyHtml: '<p>x</p>', kind: 'marketing' })
    expect(html).toContain('href="{{ unsubscribe_url }}"')
  })

  it('renders a transactional email without an unsubscribe link', async () => {
    const html = await renderLayout({
      bodyHtml,
      kind: 'transactional',
      unsubscribeUrl: 'https://example.com/unsubscribe',
      layout: { footerHtml: '<p>Acme support</p>' },
    })
    expect(html).not.toMatch(/unsubscribe/i)
    expect(html).toContain('<p>Acme support</p>')
  })

  it('keeps Liquid tags intact in raw HTML and in React-rendered text', async () => {
    const html = await renderLayout({
      bodyHtml,
      kind: 'marketing',
      preheader: 'Hello {{ contact.firstName | default: "friend" }}',
      layout: {
        headerHtml: '<p>{{ campaign.title }}</p>',
        footerHtml: "<p>{{ 'now' | date: '%Y' }}</p>",
        postalAddress: '{{ company.address | default: "Acme & Co" }}',
      },
    })
    expect(html).toContain(bodyHtml)
    expect(html).toContain('Hello {{ contact.firstName | default: "friend" }}')
    expect(html).toContain('<p>{{ campaign.title }}</p>')
    expect(html).toContain("<p>{{ 'now' | date: '%Y' }}</p>")
    expect(html).toContain('{{ company.address | default: "Acme & Co" }}')
    expect(html).not.toMatch(/\{\{[^}]*&quot;/)
  })

  it('does not truncate a long preheader through a Liquid tag', async () => {
    const preheader = `${'a'.repeat(140)} {{ contact.firstName | default: "friend" }} and more`
    const html = await renderLayout({ bodyHtml: '<p>x</p>', kind: 'transactional', preheader })
    expect(html).toContain(`data-skip-in-text="true"`)
    expect(html).toContain(preheader)
  })
})
