import { createDevConfig } from './config'

export default createDevConfig()
