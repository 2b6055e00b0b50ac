// Client components for the admin are added here as features land.
export {}
export { SegmentCount } from '../components/SegmentCount/index.client.js'
export { DealBoard } from '../components/DealBoard/index.client.js'
export { DealBoardNavLink } from '../components/DealBoardNavLink/index.client.js'
export { DealStageField } from '../components/DealStageField/index.client.js'
export { CampaignActions } from '../components/CampaignActions/index.client.js'
export { SendEmailAction } from '../components/SendEmailAction/index.client.js'
export { SendEmailTemplatePreview } from '../components/SendEmailTemplatePreview/index.client.js'
export { ContactTimeline } from '../components/Timeline/index.client.js'
export { AutomationFlow } from '../components/AutomationFlow/index.client.js'
export { ContactImportControls } from '../components/ContactImport/index.client.js'
export { ContactDataActions } from '../components/ContactDataActions/index.client.js'
export { CampaignReportView } from '../components/CampaignReport/index.client.js'
