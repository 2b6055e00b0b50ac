import type { CustomComponent, UIField } from 'payload'

import type { SanitizedEmailMarketingOptions } from '../types.js'

/** The "Send email" button of a contact's or a deal's edit view (`admin.components.edit.beforeDocumentControls`). */
export const sendEmailAction = (
  options: SanitizedEmailMarketingOptions,
  target: 'contact' | 'deal',
): CustomComponent => ({
  clientProps: {
    contactsSlug: options.slugs.contacts,
    target,
    templatesSlug: options.slugs.transactionalTemplates,
  },
  path: 'payload-plugin-email-marketing/client#SendEmailAction',
})

/** "Send email" above the contacts list, for the one contact selected (`admin.components.beforeListTable`). */
export const sendEmailToSelected = (options: SanitizedEmailMarketingOptions): CustomComponent => ({
  clientProps: {
    contactsSlug: options.slugs.contacts,
    templatesSlug: options.slugs.transactionalTemplates,
  },
  path: 'payload-plugin-email-marketing/client#SendEmailToSelected',
})

/** The contact's timeline, shown at the end of the contact edit view. */
export const contactTimelineField: UIField = {
  name: 'timeline',
  type: 'ui',
  admin: { components: { Field: 'payload-plugin-email-marketing/client#ContactTimeline' } },
}
