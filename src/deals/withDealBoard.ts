import type { Config } from 'payload'

import { dealBoardCardsEndpoint, dealBoardEndpoint } from './endpoints/boardEndpoints.js'

export const dealBoardPath = '/deal-board'

/** The endpoints the deal board reads. */
export const dealBoardEndpoints = [dealBoardEndpoint, dealBoardCardsEndpoint]

/** Adds the deal board view at /admin/deal-board and its nav link. */
export const withDealBoard = (config: Config): Config => ({
  ...config,
  admin: {
    ...config.admin,
    components: {
      ...config.admin?.components,
      afterNavLinks: [
        ...(config.admin?.components?.afterNavLinks ?? []),
        'payload-plugin-email-marketing/client#DealBoardNavLink',
      ],
      views: {
        ...config.admin?.components?.views,
        dealBoard: {
          Component: 'payload-plugin-email-marketing/rsc#DealBoardView',
          exact: true,
          path: dealBoardPath,
        },
      },
    },
  },
})
