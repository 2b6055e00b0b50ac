// Client components for the admin are added here as features land.
export {}
export { SegmentCount } from '../components/SegmentCount/index.client.js'
