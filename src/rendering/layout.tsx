import {
  Body,
  Container,
  Head,
  Html,
  Img,
  Link,
  Section,
  Text,
  render,
} from '@react-email/components'
import type { CSSProperties, ReactElement } from 'react'

import { safeColor } from './escape.js'
import { LIQUID_TAG_PATTERN, repairLiquidTags } from './liquid.js'
import { FONT_FAMILY, MUTED_COLOR, TEXT_COLOR } from './styles.js'

export type EmailKind = 'marketing' | 'transactional'

export interface EmailLayoutOptions {
  brandColor?: string
  logoUrl?: string
  /** Raw HTML (Liquid allowed) replacing the default logo header. */
  headerHtml?: string
  /** Raw HTML (Liquid allowed) shown at the top of the footer. */
  footerHtml?: string
  /** Sender's postal address (required by CAN-SPAM for marketing). Newlines become line breaks. */
  postalAddress?: string
  /** Text of the unsubscribe link. @default 'Unsubscribe' */
  unsubscribeLabel?: string
}

export interface RenderLayoutInput {
  bodyHtml: string
  preheader?: string
  layout?: EmailLayoutOptions
  /** URL or Liquid placeholder. Marketing emails default to `{{ unsubscribe_url }}`. Ignored for transactional. */
  unsubscribeUrl?: string
  kind: EmailKind
}

export const DEFAULT_UNSUBSCRIBE_URL = '{{ unsubscribe_url }}'

/** Paragraphs of the body take their font from here, so it is not repeated on every one of them. */
const bodyText: CSSProperties = {
  color: TEXT_COLOR,
  fontFamily: FONT_FAMILY,
  fontSize: '16px',
  lineHeight: '24px',
}

const footerText: CSSProperties = {
  fontFamily: FONT_FAMILY,
  fontSize: '12px',
  lineHeight: '18px',
  color: MUTED_COLOR,
  margin: '0 0 8px',
  textAlign: 'center',
}

/** Injects trusted HTML verbatim (Liquid included); React never touches the string. */
const RawHtml = ({ html, style }: { html: string; style?: CSSProperties }): ReactElement => (
  <div style={style} dangerouslySetInnerHTML={{ __html: html }} />
)

const PREHEADER_FILLER = '\u00A0\u200C\u200B\u200D\u200E\u200F\uFEFF'
const PREHEADER_LENGTH = 150

/**
 * Same markup as React Email's <Preview>, minus its 150-character truncation, which could cut a
 * Liquid tag in half. Liquid tags count as ~10 characters when sizing the filler.
 */
export const Preheader = ({ text }: { text: string }): ReactElement => {
  const visible = text.replace(LIQUID_TAG_PATTERN, 'x'.repeat(10)).length
  return (
    <div
      data-skip-in-text="true"
      style={{
        display: 'none',
        overflow: 'hidden',
        lineHeight: '1px',
        opacity: 0,
        maxHeight: 0,
        maxWidth: 0,
      }}
    >
      {text}
      {visible < PREHEADER_LENGTH ? (
        <div>{PREHEADER_FILLER.repeat(PREHEADER_LENGTH - visible)}</div>
      ) : null}
    </div>
  )
}

const lines = (value: string): ReactElement[] =>
  value
    .split(/\r?\n/)
    .flatMap((line, i) =>
      i === 0 ? [<span key={i}>{line}</span>] : [<br key={`b${i}`} />, <span key={i}>{line}</span>],
    )

export function EmailLayout({
  bodyHtml,
  preheader,
  layout = {},
  unsubscribeUrl,
  kind,
}: RenderLayoutInput): ReactElement {
  const brandColor = safeColor(layout.brandColor, '#2563eb')
  const showUnsubscribe = kind === 'marketing'
  const hasFooter = Boolean(layout.footerHtml || layout.postalAddress || showUnsubscribe)

  return (
    <Html lang="en">
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Body style={{ backgroundColor: '#f4f4f5', margin: 0, padding: 0 }}>
        {preheader ? <Preheader text={preheader} /> : null}
        <Container
          style={{
            maxWidth: '600px',
            width: '100%',
            backgroundColor: '#ffffff',
            borderTop: `4px solid ${brandColor}`,
          }}
        >
          {layout.headerHtml ? (
            <Section style={{ padding: '24px 32px 0' }}>
              <RawHtml html={layout.headerHtml} />
            </Section>
          ) : layout.logoUrl ? (
            <Section style={{ padding: '24px 32px 0' }}>
              <Img
                src={layout.logoUrl}
                alt=""
                height="40"
                style={{ height: '40px', width: 'auto', margin: '0 auto' }}
              />
            </Section>
          ) : null}
          <Section style={{ padding: '32px 32px 16px' }}>
            <RawHtml html={bodyHtml} style={bodyText} />
          </Section>
        </Container>
        {hasFooter ? (
          <Container style={{ maxWidth: '600px', width: '100%' }}>
            <Section style={{ padding: '24px 32px' }}>
              {layout.footerHtml ? (
                <RawHtml html={layout.footerHtml} style={{ ...footerText }} />
              ) : null}
              {layout.postalAddress ? (
                <Text style={footerText}>{lines(layout.postalAddress)}</Text>
              ) : null}
              {showUnsubscribe ? (
                <Text style={footerText}>
                  <Link
                    href={unsubscribeUrl || DEFAULT_UNSUBSCRIBE_URL}
                    style={{ color: MUTED_COLOR, textDecoration: 'underline' }}
                  >
                    {layout.unsubscribeLabel || 'Unsubscribe'}
                  </Link>
                </Text>
              ) : null}
            </Section>
          </Container>
        ) : null}
      </Body>
    </Html>
  )
}

/**
 * Renders the full HTML document. Liquid tags in the body/header/footer pass through untouched
 * (raw HTML); tags in React-rendered text/attributes (preheader, postal address, unsubscribe URL)
 * get their quotes HTML-escaped by React, which `repairLiquidTags` undoes.
 */
export async function renderLayout(input: RenderLayoutInput): Promise<string> {
  const html = await render(<EmailLayout {...input} />, { pretty: false })
  // React 19 hoists `<link rel="preload" as="image">` for every <img>; useless (and noisy) in email.
  return repairLiquidTags(html.replace(/<link rel="preload" as="image"[^>]*\/?>/g, ''))
}
