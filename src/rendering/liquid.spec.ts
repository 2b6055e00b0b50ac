import {
  TemplateSyntaxError,
  compileTemplate,
  parseTemplate,
  renderCompiled,
  renderTemplate,
  repairLiquidTags,
} from './liquid.js'

describe('liquid', () => {
  it('HTML-escapes contact fields in html mode', () => {
    const out = renderTemplate('<p>Hi {{ contact.firstName }}</p>', {
      contact: { firstName: '<script>alert("x")</script>' },
    })
    expect(out).toBe('<p>Hi &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</p>')
  })

  it('does not escape in text mode', () => {
    expect(renderTemplate('Hi {{ name }} & co', { name: 'Tom & "Jerry"' }, { mode: 'text' })).toBe(
      'Hi Tom & "Jerry" & co',
    )
  })

  it('supports default and renders unknown variables as empty', () => {
    expect(renderTemplate('Hi {{ contact.firstName | default: "there" }}!', {})).toBe('Hi there!')
    expect(
      renderTemplate('Hi {{ contact.firstName | default: "there" }}!', {
        contact: { firstName: 'Ann' },
      }),
    ).toBe('Hi Ann!')
    expect(renderTemplate('[{{ nope.deeper }}]', {})).toBe('[]')
  })

  it('throws TemplateSyntaxError with line and column on a broken tag', () => {
    let error: unknown
    try {
      parseTemplate('<p>Hello</p>\n<p>{{ contact.firstName </p>', 'body')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(TemplateSyntaxError)
    const syntax = error as TemplateSyntaxError
    expect(syntax.field).toBe('body')
    expect(syntax.line).toBe(2)
    expect(syntax.col).toBe(4)
    expect(syntax.message).toMatch(/^Liquid error in body: .*not closed.*\(line 2, column 4\)$/)
  })

  it('rejects unknown tags, unclosed blocks and unknown filters', () => {
    expect(() => parseTemplate('{% iff x %}', 'subject')).toThrow(TemplateSyntaxError)
    expect(() => parseTemplate('{% if x %}open', 'subject')).toThrow(/line 1, column 1/)
    expect(() => parseTemplate('{{ x | nosuchfilter }}', 'subject')).toThrow(/undefined filter/)
  })

  it('never reads partials from disk', () => {
    expect(() => renderTemplate('{% include "package.json" %}', {})).toThrow()
  })

  it('compiles once and renders many times', () => {
    const tpl = compileTemplate('Hi {{ name }}')
    expect(renderCompiled(tpl, { name: 'A' })).toBe('Hi A')
    expect(renderCompiled(tpl, { name: 'B' })).toBe('Hi B')
    const plain = compileTemplate('No tags here')
    expect(plain.isStatic).toBe(true)
    expect(renderCompiled(plain, {})).toBe('No tags here')
  })

  it('repairs entity-escaped quotes inside Liquid tags only', () => {
    expect(repairLiquidTags('<p title="&quot;q&quot;">{{ x | default: &quot;y&quot; }}</p>')).toBe(
      '<p title="&quot;q&quot;">{{ x | default: "y" }}</p>',
    )
  })
})
