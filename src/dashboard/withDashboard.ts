import type { Config } from 'payload'

/** Puts the email-marketing overview above the admin dashboard's collection cards. */
export const withDashboard = (config: Config): Config => ({
  ...config,
  admin: {
    ...config.admin,
    components: {
      ...config.admin?.components,
      beforeDashboard: [
        ...(config.admin?.components?.beforeDashboard ?? []),
        'payload-plugin-email-marketing/rsc#EmailMarketingDashboard',
      ],
    },
  },
})
