import { withPayload } from '@payloadcms/next/withPayload'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/** @type {import('next').NextConfig} */
const nextConfig = {
  devIndicators: false,
  // Browser tests run their own dev server next to `npm run dev`; each needs its own build folder.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  turbopack: { root: path.resolve(dirname, '..') },
  // The browser tests' production build skips Next's type check: CI runs `npm run typecheck` first.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === 'true' },
  webpack: (webpackConfig) => {
    // The browser tests' production build is not shipped: minifying it only costs CI time.
    if (process.env.NEXT_SKIP_MINIFY === 'true') webpackConfig.optimization.minimize = false
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
