import type { Page } from 'playwright-core'

/**
 * Root elements of the plugin's own admin components (each component's outermost class or test id).
 * A new component adds its root here so the layout test checks its controls.
 */
export const pluginComponentRoots = [
  '[data-testid="campaign-report"]',
  '[data-testid="campaign-review"]',
  '[data-testid="contact-overview"]',
  '[data-testid="contacts-toolbar"]',
  '[data-testid="email-marketing-dashboard"]',
  '[data-testid="list-members"]',
  '[data-testid="message-view"]',
  '.automation-email-preview',
  '.merge-tag-picker',
  '.send-email-to-selected',
  '.automation-flow',
  '.campaign-actions',
  '.contact-data-actions',
  '.contact-import',
  '.contact-timeline',
  '.deal-board',
  '.email-composer',
  '.segment-count',
  '.send-email-action',
  '.transactional-preview',
]

/** How far the page is wider than the viewport, in CSS pixels (0 when it does not scroll sideways). */
export const horizontalOverflow = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement
    return Math.max(0, root.scrollWidth - root.clientWidth)
  })

/**
 * Native form controls inside the plugin's components that no `@payloadcms/ui` component rendered:
 * a `select` (Payload's selects are react-select), a `button` without Payload's button classes (or
 * the canvas library's own zoom controls), an `input` or `textarea` outside Payload's field wrappers.
 * Each entry names the control.
 */
export const unstyledControls = (page: Page): Promise<string[]> =>
  page.evaluate((roots) => {
    const payloadButton =
      /(^|\s)(btn|pill|popup-button|clickable-arrow|rs__[\w-]+|react-flow__controls-button)(\s|$)/
    const payloadWrapper =
      '.field-type, .react-select, .checkbox-input, .search-filter, .react-datepicker-wrapper, .code-editor, .rich-text-lexical'
    const describe = (element: Element): string => {
      const id = element.id ? `#${element.id}` : ''
      const classes = element.getAttribute('class')
        ? `.${element.getAttribute('class')!.trim().split(/\s+/).join('.')}`
        : ''
      const text = (element.textContent ?? (element as HTMLInputElement).value ?? '')
        .trim()
        .slice(0, 40)
      return `${element.tagName.toLowerCase()}${id}${classes}${text ? ` "${text}"` : ''}`
    }
    const found: string[] = []
    for (const root of document.querySelectorAll(roots.join(', '))) {
      for (const control of root.querySelectorAll('select, button, input, textarea')) {
        if ((control as HTMLInputElement).type === 'hidden') continue
        const tag = control.tagName
        const styled =
          tag === 'BUTTON'
            ? payloadButton.test(control.getAttribute('class') ?? '') ||
              control.closest('.react-select') !== null
            : tag !== 'SELECT' && control.closest(payloadWrapper) !== null
        if (!styled) found.push(describe(control))
      }
    }
    return found
  }, pluginComponentRoots)
