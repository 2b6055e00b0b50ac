/** The blocks row's element id Payload gives a form path: steps.2.yes.0 -> steps-2-yes-row-0. */
export const rowIdOf = (path: string): string => {
  const parts = path.split('.')
  const index = parts.pop()
  return `${parts.join('-')}-row-${index}`
}

/**
 * Opens a step's fields below the canvas: expands its row and every collapsed row around it
 * (outermost first), scrolls it into view and focuses its first input.
 */
export const focusStepRow = (path: string): void => {
  const parts = path.split('.')
  const rowPaths: string[] = []
  for (let end = 2; end <= parts.length; end += 2) rowPaths.push(parts.slice(0, end).join('.'))
  for (const rowPath of rowPaths) {
    const row = document.getElementById(rowIdOf(rowPath))
    const collapsible = row?.querySelector(':scope > .collapsible')
    if (collapsible?.classList.contains('collapsible--collapsed'))
      collapsible
        .querySelector<HTMLButtonElement>(
          ':scope > .collapsible__toggle-wrap > .collapsible__toggle',
        )
        ?.click()
  }
  const row = document.getElementById(rowIdOf(path))
  if (!row) return
  row.scrollIntoView({ behavior: 'smooth', block: 'start' })
  row
    .querySelector<HTMLElement>('input, textarea, [contenteditable="true"]')
    ?.focus({ preventScroll: true })
}
