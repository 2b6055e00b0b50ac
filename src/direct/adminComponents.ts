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

/** Lists, tags, deals and enrollments of the contact, at the top of its edit view. */
export const contactOverviewField = (options: SanitizedEmailMarketingOptions): UIField => ({
  name: 'overview',
  type: 'ui',
  admin: {
    components: {
      Field: {
        clientProps: {
          automationsSlug: options.slugs.automations,
          dealsSlug: options.slugs.deals,
          listsSlug: options.slugs.lists,
        },
        path: 'payload-plugin-email-marketing/client#ContactOverview',
      },
    },
  },
})

/** The contact's timeline, right under the overview at the top of the contact edit view. */
export const contactTimelineField: UIField = {
  name: 'timeline',
  type: 'ui',
  admin: { components: { Field: 'payload-plugin-email-marketing/client#ContactTimeline' } },
}
