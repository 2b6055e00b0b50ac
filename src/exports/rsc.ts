// Server components for the admin are added here as features land.
export {}
export { DealBoardView } from '../components/DealBoard/index.js'
export { EmailMarketingDashboard } from '../components/Dashboard/index.js'
