import { convert, type HtmlToTextOptions } from 'html-to-text'

import { LIQUID_TAG_PATTERN, hasLiquid } from './liquid.js'

const headingSelectors = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  options: { uppercase: false },
}))

export const plainTextOptions: HtmlToTextOptions = {
  wordwrap: 78,
  selectors: [
    { selector: 'img', format: 'skip' },
    // React Email's <Preview> (and anything else marked up the same way) never belongs in the text part.
    { selector: '[data-skip-in-text=true]', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['[', ']'] } },
    ...headingSelectors,
  ],
}

export interface PlainTextTemplate {
  text: string
  /**
   * False if html-to-text dropped a `{% ... %}` tag, so the text may not be a faithful template.
   * Dropped `{{ ... }}` outputs are expected (image `src`/`alt`, the hidden preheader) and don't count.
   */
  complete: boolean
}

/**
 * Converts HTML to plain text while keeping Liquid tags intact, including tags inside `href`s.
 * Tags are swapped for opaque upper-case tokens first so wrapping, heading upper-casing and
 * entity decoding cannot alter them, then swapped back.
 */
export function htmlToTextTemplate(html: string): PlainTextTemplate {
  if (!hasLiquid(html)) return { text: convert(html, plainTextOptions), complete: true }
  const nonce = Math.random()
    .toString(36)
    .slice(2, 8)
    .toUpperCase()
    .replace(/[^A-Z]/g, 'Q')
  const tags: string[] = []
  const tokenized = html.replace(LIQUID_TAG_PATTERN, (tag) => {
    tags.push(tag)
    return `LQ${nonce}${tags.length - 1}Z`
  })
  const restored = new Set<number>()
  const text = convert(tokenized, plainTextOptions).replace(
    new RegExp(`LQ${nonce}(\\d+)Z`, 'g'),
    (_, index: string) => {
      restored.add(Number(index))
      return tags[Number(index)] ?? ''
    },
  )
  const complete = tags.every((tag, index) => restored.has(index) || !tag.startsWith('{%'))
  return { text, complete }
}

/** Plain-text alternative for an HTML email: links as `text [url]`, no images, wrapped at 78 columns, no head/preheader. */
export function htmlToPlainText(html: string): string {
  return htmlToTextTemplate(html).text
}

/** Cleans up blank lines left behind by Liquid block tags that rendered to nothing. */
export const tidyPlainText = (text: string): string =>
  text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
