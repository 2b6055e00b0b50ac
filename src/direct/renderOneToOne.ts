import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'

import { lexicalToEmailHtml } from '../rendering/lexicalToEmailHtml.js'
import { personalize, prepareEmail, type PersonalizedEmail } from '../rendering/renderEmail.js'

export type OneToOneBody = SerializedEditorState | string

/** Lexical state or HTML; a string without any tag is plain text from a textarea. */
export const bodyHtmlOf = (body: OneToOneBody): string => {
  if (typeof body !== 'string') return lexicalToEmailHtml(body)
  if (/<[a-z][\s\S]*>/i.test(body)) return body
  return body
    .split(/\r?\n\s*\r?\n/)
    .map(
      (paragraph) =>
        `<p style="margin:0 0 16px;">${paragraph.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, '<br />')}</p>`,
    )
    .join('')
}

/** A personal email: the transactional layout (no unsubscribe link), Liquid over the contact, the deal and the sender. */
export const renderOneToOne = async ({
  body,
  scope,
  subject,
}: {
  body: OneToOneBody
  scope: Record<string, unknown>
  subject: string
}): Promise<PersonalizedEmail> =>
  personalize(await prepareEmail({ html: bodyHtmlOf(body), kind: 'transactional', subject }), scope)
