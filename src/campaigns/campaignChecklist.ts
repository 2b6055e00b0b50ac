import type { Payload, PayloadRequest } from 'payload'

import type { CampaignDoc } from './campaignContent.js'

import { EmailMarketingError } from '../errors/EmailMarketingError.js'
import { findLayout } from '../layouts/layoutForRendering.js'
import { isPlaceholderAddress } from '../layouts/seedDefaultLayout.js'
import { pluginOptionsOf } from '../pluginContext.js'
import { TemplateSyntaxError } from '../rendering/liquid.js'
import { lexicalToEmailHtml } from '../rendering/lexicalToEmailHtml.js'
import { personalize } from '../rendering/renderEmail.js'
import { audienceOf, hasRecipients } from './audience.js'
import { missingImageUploads, resolveImageUploads } from './resolveImageUploads.js'
import {
  campaignSenderOf,
  layoutIdOf,
  prepareCampaignVariant,
  variantsOf,
} from './campaignContent.js'

export type ChecklistFinding = {
  code: string
  field?: string
  level: 'blocking' | 'warning'
  message: string
}

export type CampaignChecklist = { blocking: boolean; findings: ChecklistFinding[] }

/** Thrown by sendCampaign and scheduleCampaign when the checklist has blocking findings; nothing changed. */
export class CampaignChecklistError extends EmailMarketingError {
  constructor(readonly findings: ChecklistFinding[]) {
    super(
      `This campaign cannot be sent yet: ${findings
        .filter((finding) => finding.level === 'blocking')
        .map((finding) => finding.message)
        .join(' ')}`,
      400,
      { findings },
    )
  }
}

type CheckedCampaign = CampaignDoc & {
  audience?: null | Record<string, unknown>
  fromEmail?: null | string
  fromName?: null | string
}

const unsubscribeMarker = 'https://unsubscribe.checklist.invalid/'
const localLink =
  /\b(?:href|src)\s*=\s*["']?\s*https?:\/\/(?:localhost|127\.0\.0\.1)(?:[:/"'\s>]|$)/i
const imageWithoutAlt =
  /<img\b(?![^>]*\balt\s*=\s*(?:"[^"]*[^"\s][^"]*"|'[^']*[^'\s][^']*'))[^>]*>/i

const blocking = (code: string, message: string, field?: string): ChecklistFinding => ({
  code,
  field,
  level: 'blocking',
  message,
})
const warning = (code: string, message: string, field?: string): ChecklistFinding => ({
  code,
  field,
  level: 'warning',
  message,
})

const domainOf = (address: string): string =>
  address.slice(address.lastIndexOf('@') + 1).toLowerCase()

const sameSite = (a: string, b: string): boolean =>
  a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`)

/** The layout's findings: a real postal address and the unsubscribe link in every rendered variant. */
const layoutFindings = async (
  payload: Payload,
  campaign: CheckedCampaign,
  req?: Partial<PayloadRequest>,
): Promise<ChecklistFinding[]> => {
  const layout = await findLayout(payload, layoutIdOf(campaign), { req })
  if (!layout)
    return [
      blocking(
        'layout-missing',
        'There is no marketing layout: create one in Email marketing > Layouts.',
        'layout',
      ),
    ]
  if (!isPlaceholderAddress(layout.postalAddress)) return []
  return [
    blocking(
      'postal-address',
      `The layout "${layout.name ?? layout.id}" has no real postal address (the law requires one in marketing email). Set it in Email marketing > Layouts > ${layout.name ?? layout.id} > Postal address.`,
      'layout',
    ),
  ]
}

/** Liquid errors, the unsubscribe link, local links and images without alt text, per variant. */
const renderFindings = async (
  payload: Payload,
  campaign: CheckedCampaign,
): Promise<ChecklistFinding[]> => {
  const findings: ChecklistFinding[] = []
  const variants = variantsOf(campaign)
  for (let index = 0; index < variants.length; index += 1) {
    try {
      const prepared = await prepareCampaignVariant(payload, campaign, index)
      const rendered = personalize(prepared, {
        campaign: { id: campaign.id, name: campaign.name },
        contact: {},
        unsubscribe_url: unsubscribeMarker,
      })
      // An unclosed comment in a header or footer hides everything after it, the link included.
      const html = rendered.html.replace(/<!--[\s\S]*?(?:-->|$)/g, '')
      if (!html.includes(`href="${unsubscribeMarker}"`))
        findings.push(
          blocking('unsubscribe-link', 'The layout does not show the unsubscribe link.', 'layout'),
        )
      if (localLink.test(html.replaceAll(unsubscribeMarker, ''))) {
        findings.push(
          warning(
            'local-link',
            'A link or image points to localhost or 127.0.0.1; recipients cannot open it.',
            'content',
          ),
        )
      }
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error
      const field =
        error.field === 'subject' || error.field === 'preheader' ? error.field : 'content'
      findings.push(
        blocking(
          'liquid',
          `Liquid error in ${error.field}: ${error.reason} (line ${error.line}, column ${error.col}).`,
          field,
        ),
      )
    }
    const missing = await missingImageUploads(payload, variants[index].content)
    if (missing.length > 0) {
      const { uploadCollection } = pluginOptionsOf(payload)
      findings.push(
        blocking(
          'image-upload',
          `An image block shows ${uploadCollection} ${missing.join(', ')}, which no longer exists; choose another image.`,
          'content',
        ),
      )
    }
    const content = await resolveImageUploads(payload, variants[index].content)
    if (imageWithoutAlt.test(lexicalToEmailHtml(content ?? null))) {
      findings.push(
        warning(
          'image-alt',
          'An image has no alt text; it is what people see when images are blocked.',
          'content',
        ),
      )
    }
  }
  const unique = new Map(findings.map((finding) => [`${finding.code}:${finding.message}`, finding]))
  return [...unique.values()]
}

/**
 * The pre-send checklist: the one check "Send now", "Schedule" and a status change to scheduled or
 * sending run, in the admin, over REST and in the Local API. Blocking findings stop the send.
 */
export const checkCampaign = async (
  payload: Payload,
  campaign: CheckedCampaign,
  { req }: { req?: Partial<PayloadRequest> } = {},
): Promise<CampaignChecklist> => {
  const { publicUrl } = pluginOptionsOf(payload)
  const audience = audienceOf(campaign)
  const findings: ChecklistFinding[] = []
  if (!hasRecipients(audience))
    findings.push(
      blocking(
        'audience',
        'Choose at least one list or a segment: an empty audience reaches nobody.',
        'audience',
      ),
    )
  findings.push(...(await renderFindings(payload, campaign)))
  findings.push(...(await layoutFindings(payload, campaign, req)))
  const sender = await campaignSenderOf(payload, campaign, audience, req)
  if (!sender.address)
    findings.push(
      blocking(
        'sender',
        'Set a sender address (From email) on the campaign, its first list or the plugin.',
        'fromEmail',
      ),
    )
  if ((campaign.subject ?? '').length > 100)
    findings.push(
      warning(
        'subject-length',
        'The subject is over 100 characters; inboxes cut it off.',
        'subject',
      ),
    )
  if (!campaign.preheader?.trim())
    findings.push(
      warning(
        'preheader',
        'There is no preheader; inboxes show the first words of the email instead.',
        'preheader',
      ),
    )
  const publicHost = URL.canParse(publicUrl) ? new URL(publicUrl).hostname.toLowerCase() : ''
  if (sender.address && publicHost && !sameSite(domainOf(sender.address), publicHost)) {
    findings.push(
      warning(
        'sender-domain',
        `The sender domain ${domainOf(sender.address)} differs from the site's domain ${publicHost}.`,
        'fromEmail',
      ),
    )
  }
  return { blocking: findings.some((finding) => finding.level === 'blocking'), findings }
}

/** Runs the checklist and throws CampaignChecklistError when something blocks the send. */
export const assertChecklistPasses = async (
  payload: Payload,
  campaign: CheckedCampaign,
  options: { req?: Partial<PayloadRequest> } = {},
): Promise<CampaignChecklist> => {
  const checklist = await checkCampaign(payload, campaign, options)
  if (checklist.blocking) throw new CampaignChecklistError(checklist.findings)
  return checklist
}
