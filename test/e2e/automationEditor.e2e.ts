import type { Browser, ConsoleMessage, Page, Request } from 'playwright-core'

import { appUrl, launchBrowser, logIn, restFromPage } from './browser'

let browser: Browser
let page: Page
/** Console errors and uncaught exceptions of the page, except downloads this sandbox cannot make. */
const pageErrors: string[] = []

/**
 * Hosts the admin loads from the internet, unreachable here: Payload's code editor (Monaco, from a
 * CDN) and the account avatar (Gravatar). A failed download from them is the only error allowed.
 */
const unreachableHosts = new Set(['cdn.jsdelivr.net', 'www.gravatar.com'])

const isUnreachableDownload = (message: ConsoleMessage) => {
  const source = message.location().url
  return (
    message.text().startsWith('Failed to load resource') &&
    source !== '' &&
    unreachableHosts.has(new URL(source).host)
  )
}

/** Form-state requests (POSTs to the admin's server functions) still running. */
let formRequests = 0

/**
 * Waits until no form-state request has run for a moment. Payload re-fetches form state after
 * each change (debounced) and aborts an older request when a newer one starts; a block added while
 * that happens can stay a loading placeholder, so the test lets each change finish, as a person would.
 */
const formSettled = async () => {
  let quietSince = Date.now()
  while (Date.now() - quietSince < 700) {
    await page.waitForTimeout(100)
    if (formRequests > 0) quietSince = Date.now()
  }
}

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage()
  const isFormRequest = (request: Request) =>
    request.method() === 'POST' && new URL(request.url()).pathname.startsWith('/admin')
  page.on('request', (request) => {
    if (isFormRequest(request)) formRequests += 1
  })
  const requestDone = (request: Request) => {
    if (isFormRequest(request)) formRequests -= 1
  }
  page.on('requestfinished', requestDone)
  page.on('requestfailed', requestDone)
  page.setDefaultTimeout(120_000)
  page.on('console', (message) => {
    if (message.type() === 'error' && !isUnreachableDownload(message))
      pageErrors.push(`${message.text()} (${message.location().url})`)
  })
  page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`))
})

afterAll(async () => {
  await browser?.close()
})

const api = (method: string, path: string, body?: unknown) => restFromPage(page, method, path, body)

const exactly = (text: string) => new RegExp(`^${text.replace(/[/]/g, '\\/')}$`)

/**
 * Adds a block through the "Add …" button of the blocks field `fieldId` (the last such button
 * inside it: nested fields come first), then brings the new row `rowId` into view, because
 * Payload renders a block's fields only once its row is near the viewport.
 */
const addBlock = async (fieldId: string, addLabel: string, blockLabel: string, rowId: string) => {
  await page.locator(`#${fieldId} button`, { hasText: addLabel }).last().click()
  const drawer = page.locator('.drawer--is-open').last()
  await drawer
    .locator('button')
    .filter({ hasText: exactly(blockLabel) })
    .first()
    .click()
  await drawer.waitFor({ state: 'hidden' })
  const row = page.locator(`#${rowId}`)
  await row.waitFor()
  await row.scrollIntoViewIfNeeded()
  await formSettled()
}

const fill = async (fieldId: string, value: string) => {
  const input = page.locator(`#${fieldId}`)
  await input.scrollIntoViewIfNeeded()
  await input.fill(value)
  await formSettled()
}

const choose = async (fieldId: string, option: string) => {
  const field = page.locator(`#${fieldId}`)
  await field.scrollIntoViewIfNeeded()
  await field.locator('.rs__control').click()
  await page.locator('.rs__option', { hasText: option }).click()
  await formSettled()
}

/** Runs a row action ("Move Up", "Remove", …) from the row's own "…" menu. */
const rowAction = async (rowId: string, action: string) => {
  const row = page.locator(`#${rowId}`)
  await row.scrollIntoViewIfNeeded()
  await row.locator('.array-actions__button').first().click()
  await page.locator('.popup__content button', { hasText: action }).first().click()
  await formSettled()
}

const flowTexts = () =>
  page
    .locator('.automation-flow__step')
    .evaluateAll((nodes) =>
      nodes.map(
        (node) =>
          `${node.getAttribute('data-path')}: ${node.querySelector('.automation-flow__text')?.textContent}`,
      ),
    )

const expectedFlow = (offerSubject: string) => [
  '0: Send email "Welcome"',
  '1: Wait 1 day',
  '2: If opened the previous email',
  `2.yes.0: Send email "${offerSubject}"`,
  '2.yes.1: If no conditions set',
  '2.yes.1.yes.0: End',
  '2.no.0: Wait 1 day',
]

const save = async () => {
  await page.locator('#action-save').scrollIntoViewIfNeeded()
  await page.click('#action-save')
}

it('builds trigger, email, wait and nested if/else (one branch empty), saves, reopens and edits an inner step without an error', async () => {
  await logIn(page)
  await page.goto(`${appUrl()}/admin/collections/automations/create`, { timeout: 300_000 })
  // The dev server compiles the edit view (with every step block's editor) on first request.
  await page.locator('#field-name').waitFor({ timeout: 300_000 })
  await page.fill('#field-name', `Editor ${Date.now()}`)
  await formSettled()

  await addBlock('field-triggers', 'Add Trigger', 'Custom event', 'triggers-row-0')
  await fill('field-triggers__0__event', 'editor.tested')

  await addBlock('field-steps', 'Add Step', 'Send email', 'steps-row-0')
  await fill('field-steps__0__subject', 'Welcome')
  await addBlock('field-steps', 'Add Step', 'Wait', 'steps-row-1')
  await addBlock('field-steps', 'Add Step', 'If / else', 'steps-row-2')
  // An if/else with both branches empty is drawn, not a crash.
  await page.locator('.automation-flow__branch[data-branch="2.no"]').waitFor()
  await choose('field-steps__2__test', 'Opened the previous email')
  await addBlock('field-steps__2__no', 'Add No', 'Wait', 'steps-2-no-row-0')
  await addBlock('field-steps__2__yes', 'Add Yes', 'Send email', 'steps-2-yes-row-0')
  await fill('field-steps__2__yes__0__subject', 'Offer')
  await addBlock('field-steps__2__yes', 'Add Yes', 'If / else', 'steps-2-yes-row-1')
  await addBlock('steps-2-yes-row-1', 'Add Yes', 'End', 'steps-2-yes-1-yes-row-0')

  // Reorder and remove: an extra step moved above the if/else, then removed again.
  await addBlock('field-steps', 'Add Step', 'End', 'steps-row-3')
  await rowAction('steps-row-3', 'Move Up')
  await page.waitForFunction(() =>
    document.querySelector('.automation-flow__step[data-path="2"]')?.textContent?.startsWith('End'),
  )
  await rowAction('steps-row-2', 'Remove')
  await page.waitForFunction(() => !document.querySelector('.automation-flow__step[data-path="3"]'))

  // Every node, in words, before saving.
  await page.locator('.automation-flow').scrollIntoViewIfNeeded()
  expect(await page.locator('.automation-flow__trigger').textContent()).toBe(
    'When: Event "editor.tested"',
  )
  expect(await flowTexts()).toEqual(expectedFlow('Offer'))

  await save()
  await page.waitForURL(/\/admin\/collections\/automations\/\d+/)
  const automationId = Number(new URL(page.url()).pathname.split('/').pop())
  const saved = await api('GET', `/api/automations/${automationId}?depth=0`)
  expect(saved.steps.map((step: { blockType: string }) => step.blockType)).toEqual([
    'sendEmail',
    'wait',
    'ifElse',
  ])
  expect(saved.steps[2].yes[1].no).toEqual([])

  // A saved automation with an empty branch opens, and shows every node.
  await page.reload()
  await page.locator('.automation-flow__step[data-path="2.yes.1.yes.0"]').waitFor()
  expect(await flowTexts()).toEqual(expectedFlow('Offer'))
  expect(
    await page.locator('.automation-flow__branch[data-branch="2.yes.1.no"]').textContent(),
  ).toBe('NoNo steps')

  // Edit an inner step and save again.
  await page.locator('#steps-row-2').scrollIntoViewIfNeeded()
  await page.locator('#steps-2-yes-row-0').scrollIntoViewIfNeeded()
  await fill('field-steps__2__yes__0__subject', 'Offer, edited')
  await save()
  let edited = await api('GET', `/api/automations/${automationId}?depth=0`)
  for (
    let attempt = 0;
    edited.steps[2].yes[0].subject !== 'Offer, edited' && attempt < 120;
    attempt++
  ) {
    await page.waitForTimeout(500)
    edited = await api('GET', `/api/automations/${automationId}?depth=0`)
  }
  expect(edited.steps[2].yes[0].subject).toBe('Offer, edited')
  expect(edited.steps[2].yes[1].yes[0].blockType).toBe('end')
  expect(edited.steps[2].no[0].blockType).toBe('wait')
  await page.locator('.automation-flow').scrollIntoViewIfNeeded()
  expect(await flowTexts()).toEqual(expectedFlow('Offer, edited'))

  expect(pageErrors).toEqual([])
}, 900_000)

it('names the trigger and the conditions in words, with the names of the tag and the template', async () => {
  const tag = await api('POST', '/api/tags', { name: `vip-${Date.now()}` })
  const template = await api('POST', '/api/transactional-templates', {
    html: '<p>Hi {{ contact.firstName }}</p>',
    mode: 'html',
    name: 'Welcome back',
    slug: `welcome-back-${Date.now()}`,
    subject: 'Welcome back',
  })
  const tagIsVip = {
    groups: [{ conditions: [{ operator: 'hasTag', tag: tag.doc.id, type: 'tag' }], match: 'all' }],
    match: 'all',
  }
  const created = await api('POST', '/api/automations', {
    name: `Words ${Date.now()}`,
    steps: [
      { amount: 1, blockType: 'wait', mode: 'duration', unit: 'days' },
      {
        blockType: 'ifElse',
        conditions: tagIsVip,
        no: [],
        test: 'conditions',
        yes: [
          {
            blockType: 'sendEmail',
            mode: 'transactionalTemplate',
            transactionalTemplate: template.doc.id,
          },
        ],
      },
    ],
    triggers: [{ blockType: 'tagAdded', tag: tag.doc.id }],
  })
  await page.goto(`${appUrl()}/admin/collections/automations/${created.doc.id}`)
  await page.locator('.automation-flow__step[data-path="1.yes.0"]').waitFor()
  await page.waitForFunction(
    () => !document.querySelector('.automation-flow')?.textContent?.includes('#'),
  )
  expect(await page.locator('.automation-flow__trigger').textContent()).toBe(
    `When: Tag ${tag.doc.name} added`,
  )
  expect(await flowTexts()).toEqual([
    '0: Wait 1 day',
    `1: If tag is ${tag.doc.name}`,
    '1.yes.0: Send transactional template "Welcome back"',
  ])
  expect(await page.locator('.automation-flow__step[data-path="0"] small').textContent()).toBe(
    '0 waiting · 0 passed',
  )
  expect(pageErrors).toEqual([])
}, 300_000)
