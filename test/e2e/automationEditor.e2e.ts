import type { Browser, Page } from 'playwright-core'

import { collectPageErrors } from '../release/adminPages'
import { adminForm } from './adminForm'
import { appUrl, launchBrowser, logIn, restFromPage } from './browser'

let browser: Browser
let page: Page
let form: ReturnType<typeof adminForm>
/** Console errors, uncaught exceptions and failed requests, except the code editor's CDN download. */
let pageErrors: string[] = []

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage()
  page.setDefaultTimeout(120_000)
  form = adminForm(page)
  pageErrors = collectPageErrors(page)
})

afterAll(async () => {
  await browser?.close()
})

const api = (method: string, path: string, body?: unknown) => restFromPage(page, method, path, body)

/** Runs a row action ("Move Up", "Remove", …) from the row's own "…" menu. */
const rowAction = async (rowId: string, action: string) => {
  const row = page.locator(`#${rowId}`)
  await row.scrollIntoViewIfNeeded()
  await row.locator('.array-actions__button').first().click()
  await page.locator('.popup__content button', { hasText: action }).first().click()
  await form.settled()
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
  await form.settled()

  await form.add('field-triggers', 'Add Trigger', 'triggers-row-0', 'Custom event')
  await form.fill('field-triggers__0__event', 'editor.tested')

  await form.add('field-steps', 'Add Step', 'steps-row-0', 'Send email')
  await form.fill('field-steps__0__subject', 'Welcome')
  await form.add('field-steps', 'Add Step', 'steps-row-1', 'Wait')
  await form.add('field-steps', 'Add Step', 'steps-row-2', 'If / else')
  // An if/else with both branches empty is drawn, not a crash.
  await page.locator('.automation-flow__branch[data-branch="2.no"]').waitFor()
  await form.choose('field-steps__2__test', 'Opened the previous email')
  await form.add('field-steps__2__no', 'Add No', 'steps-2-no-row-0', 'Wait')
  await form.add('field-steps__2__yes', 'Add Yes', 'steps-2-yes-row-0', 'Send email')
  await form.fill('field-steps__2__yes__0__subject', 'Offer')
  await form.add('field-steps__2__yes', 'Add Yes', 'steps-2-yes-row-1', 'If / else')
  await form.add('steps-2-yes-row-1', 'Add Yes', 'steps-2-yes-1-yes-row-0', 'End')

  // Reorder and remove: an extra step moved above the if/else, then removed again.
  await form.add('field-steps', 'Add Step', 'steps-row-3', 'End')
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
  await form.fill('field-steps__2__yes__0__subject', 'Offer, edited')
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
