import type { Config } from 'payload'

import { dealBoardCardsEndpoint, dealBoardEndpoint } from './endpoints/boardEndpoints.js'

export const dealBoardPath = '/deal-board'

/** Adds the deal board view at /admin/deal-board, its nav link and the endpoints it reads. */
export const withDealBoard = (config: Config): Config => ({
  ...config,
  admin: {
    ...config.admin,
    components: {
      ...config.admin?.components,
      afterNavLinks: [...(config.admin?.components?.afterNavLinks ?? []), 'payload-plugin-email-marketing/client#DealBoardNavLink'],
      views: {
        ...config.admin?.components?.views,
        dealBoard: { Component: 'payload-plugin-email-marketing/rsc#DealBoardView', exact: true, path: dealBoardPath },
      },
    },
  },
  endpoints: [...(config.endpoints ?? []), dealBoardEndpoint, dealBoardCardsEndpoint],
})
