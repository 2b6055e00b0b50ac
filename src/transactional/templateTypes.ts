import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'

export const templateModes = ['richText', 'html', 'postmark'] as const

export type TemplateMode = (typeof templateModes)[number]

export type TemplateVariable = {
  description?: null | string
  name: string
  required?: boolean | null
  sampleValue?: null | string
}

/** The fields of a transactional template that rendering reads (a saved doc or the admin form's data). */
export type TransactionalTemplate = {
  body?: null | SerializedEditorState
  html?: null | string
  id?: number
  layout?: null | number | Record<string, unknown>
  mode?: null | TemplateMode
  postmarkTemplateAlias?: null | string
  preheader?: null | string
  sampleData?: unknown
  slug?: null | string
  subject?: null | string
  updatedAt?: null | string
  variables?: null | TemplateVariable[]
}
