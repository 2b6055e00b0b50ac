import type { StepContext, StepResult } from '../engine/stepTypes.js'

import { suppressionReasonOf } from '../../transactional/recipient.js'
import { renderTransactional } from '../../transactional/renderTransactional.js'
import { loadTransactionalTemplate } from '../../transactional/sendTransactional.js'
import { validateTemplateData } from '../../transactional/validateTemplateData.js'
import { templateDataOf } from '../engine/triggerEvent.js'
import { listIdOf } from './listSubscriptions.js'

/**
 * One of the plugin's transactional templates, rendered with the contact and the trigger's event
 * data (see `templateDataOf`) and queued on the transactional stream, like `sendTransactional`:
 * unsubscribing from marketing does not stop it, a bounced or complained address does. A missing
 * required variable fails the step (the error names it).
 */
export const transactionalTemplateEmail = async (context: StepContext): Promise<StepResult> => {
  const { automation, contact, enrollment, options, path, payload, step } = context
  const suppressed = suppressionReasonOf(contact as Parameters<typeof suppressionReasonOf>[0])
  if (suppressed) return { kind: 'next', outcome: `skipped: ${suppressed}` }
  if (step.transactionalTemplate == null) throw new Error('No transactional template chosen.')
  const template = await loadTransactionalTemplate(payload, listIdOf(step.transactionalTemplate))
  const templateName = template.slug ?? String(template.id)
  const data = templateDataOf(contact, enrollment.state.event)
  validateTemplateData(templateName, template.variables, data)
  const rendered = await renderTransactional(payload, template, { contact, data })
  return {
    email: {
      contact: contact.id,
      dedupeKey: `step:${enrollment.id}:${path}`,
      kind: 'transactional',
      metadata: { automation: String(automation.id), step: path, template: templateName },
      stream: options.postmark.transactionalStream,
      tag: templateName,
      to: contact.email,
      ...(rendered.type === 'postmark'
        ? {
            subject: null,
            templateAlias: rendered.templateAlias,
            templateModel: rendered.templateModel,
          }
        : { html: rendered.html, subject: rendered.subject, text: rendered.text }),
    },
    kind: 'email',
    outcome: `queued transactional template "${templateName}"`,
  }
}
