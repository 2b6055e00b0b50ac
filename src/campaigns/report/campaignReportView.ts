/** The Report tab of a campaign (/admin/collections/campaigns/:id/report), next to Edit and API. */
export const campaignReportView = {
  Component: 'payload-plugin-email-marketing/client#CampaignReportView',
  path: '/report' as const,
  tab: { href: '/report', label: 'Report', order: 150 },
}
