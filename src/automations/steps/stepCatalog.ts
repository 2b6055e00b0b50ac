/** How the step picker and the canvas present a step type: an icon, a group and one line of text. */
export interface StepPresentation {
  description: string
  group: 'Contact' | 'Deals' | 'Email' | 'Flow' | 'Other'
  /** Inner SVG markup of a 24×24 stroked icon. */
  icon: string
}

const tag =
  '<path d="M12 2H2v10l9.3 9.3a1 1 0 0 0 1.4 0l8.6-8.6a1 1 0 0 0 0-1.4Z"/><path d="M7 7h.01"/>'

export const stepCatalog: Record<string, StepPresentation> = {
  addTag: {
    description: 'Add a tag to the contact.',
    group: 'Contact',
    icon: `${tag}<path d="M14 15h6M17 12v6"/>`,
  },
  createDeal: {
    description: 'Open a deal for the contact in a pipeline.',
    group: 'Deals',
    icon: '<rect x="2" y="7" width="20" height="14" rx="2"/><path d="M16 21V5a2 2 0 0 0-2-2h-4a2 2 0 0 0-2 2v16"/>',
  },
  end: {
    description: 'Stop the automation for this contact.',
    group: 'Flow',
    icon: '<circle cx="12" cy="12" r="10"/><rect x="9" y="9" width="6" height="6"/>',
  },
  goal: {
    description: 'Jump here as soon as the contact meets the goal.',
    group: 'Flow',
    icon: '<path d="M4 15s1-1 4-1 5 2 8 2 4-1 4-1V3s-1 1-4 1-5-2-8-2-4 1-4 1z"/><path d="M4 22v-7"/>',
  },
  ifElse: {
    description: 'Branch on conditions or on the previous email.',
    group: 'Flow',
    icon: '<circle cx="6" cy="18" r="3"/><circle cx="18" cy="18" r="3"/><circle cx="12" cy="5" r="3"/><path d="M12 8v3M6 15v-1a3 3 0 0 1 3-3h6a3 3 0 0 1 3 3v1"/>',
  },
  moveDeal: {
    description: "Move the contact's deal to another stage.",
    group: 'Deals',
    icon: '<path d="m16 3 4 4-4 4M20 7H4M8 21l-4-4 4-4M4 17h16"/>',
  },
  notifyAdmin: {
    description: 'Email an admin user about this contact.',
    group: 'Other',
    icon: '<path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/>',
  },
  removeTag: {
    description: 'Remove a tag from the contact.',
    group: 'Contact',
    icon: `${tag}<path d="M14 15h6"/>`,
  },
  sendAsDealOwner: {
    description: "Send a 1:1 email from the owner of the contact's deal.",
    group: 'Email',
    icon: '<circle cx="9" cy="7" r="4"/><path d="M3 21v-2a4 4 0 0 1 4-4h3"/><rect x="13" y="13" width="9" height="7" rx="1"/><path d="m22 14-4.5 3-4.5-3"/>',
  },
  sendEmail: {
    description: 'Send a marketing email or a template.',
    group: 'Email',
    icon: '<rect x="2" y="4" width="20" height="16" rx="2"/><path d="m22 7-10 6L2 7"/>',
  },
  startAutomation: {
    description: 'Enroll the contact in another automation.',
    group: 'Other',
    icon: '<polygon points="6 3 20 12 6 21 6 3"/>',
  },
  subscribeList: {
    description: 'Subscribe the contact to a list.',
    group: 'Contact',
    icon: '<path d="M11 12H3M16 6H3M16 18H3M18 9v6M21 12h-6"/>',
  },
  unsubscribeList: {
    description: 'Unsubscribe the contact from a list.',
    group: 'Contact',
    icon: '<path d="M11 12H3M16 6H3M16 18H3M21 12h-6"/>',
  },
  updateField: {
    description: 'Set a contact field or attribute.',
    group: 'Contact',
    icon: '<path d="M17 3a2.85 2.85 0 1 1 4 4L7.5 20.5 2 22l1.5-5.5Z"/>',
  },
  wait: {
    description: 'Pause for a time, until a date or until a condition holds.',
    group: 'Flow',
    icon: '<circle cx="12" cy="12" r="10"/><path d="M12 6v6l4 2"/>',
  },
  webhook: {
    description: "Call a URL with the contact's data.",
    group: 'Other',
    icon: '<circle cx="12" cy="12" r="10"/><path d="M2 12h20M12 2a15.3 15.3 0 0 1 4 10 15.3 15.3 0 0 1-4 10 15.3 15.3 0 0 1-4-10 15.3 15.3 0 0 1 4-10z"/>',
  },
}

/** The icon of triggers on the canvas. */
export const triggerIcon = '<path d="M13 2 3 14h9l-1 8 10-12h-9l1-8z"/>'

// A mid grey reads on the light and the dark admin theme (an image cannot use the theme's variables).
const ink = '#7c828d'

const svgUrl = (svg: string) => `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`

/** A small icon as an image URL, e.g. for an <img> on the canvas. */
export const iconUrl = (icon: string): string =>
  svgUrl(
    `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="${ink}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${icon}</svg>`,
  )

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;')

/** Words in lines of at most `width` characters. */
const wrap = (text: string, width: number): string[] =>
  text.split(' ').reduce<string[]>((lines, word) => {
    const last = lines.at(-1)
    if (last !== undefined && `${last} ${word}`.length <= width)
      lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
    return lines
  }, [])

/** The picker's thumbnail: the icon above its description, so each card says what the step does. */
export const thumbnailUrl = ({ description, icon }: StepPresentation): string => {
  const lines = wrap(description, 24)
    .map((line, i) => `<text x="80" y="${84 + i * 14}">${escapeXml(line)}</text>`)
    .join('')
  return svgUrl(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 120"><g transform="translate(62 14) scale(1.5)" fill="none" stroke="${ink}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${icon}</g><g fill="${ink}" font-family="system-ui, sans-serif" font-size="11" text-anchor="middle">${lines}</g></svg>`,
  )
}
