export {
  lexicalToEmailHtml,
  emailHtmlConverters,
  type LexicalToEmailHtmlOptions,
} from './lexicalToEmailHtml.js'
export { emailBlocks, createEmailBlocks, type EmailBlocksOptions } from './emailBlocks.js'
export { emailBlockConverters } from './emailBlockConverters.js'
export {
  renderLayout,
  EmailLayout,
  DEFAULT_UNSUBSCRIBE_URL,
  type EmailKind,
  type EmailLayoutOptions,
  type RenderLayoutInput,
} from './layout.js'
export {
  liquid,
  textLiquid,
  parseTemplate,
  compileTemplate,
  renderCompiled,
  renderTemplate,
  repairLiquidTags,
  TemplateSyntaxError,
  type CompiledTemplate,
  type TemplateMode,
} from './liquid.js'
export { htmlToPlainText, htmlToTextTemplate, plainTextOptions } from './htmlToText.js'
export {
  prepareEmail,
  personalize,
  type PrepareEmailInput,
  type PreparedEmail,
  type PersonalizedEmail,
} from './renderEmail.js'
export { escapeHtml, escapeHtmlKeepLiquid, safeUrl } from './escape.js'
