import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** What a site owner installs next to the plugin, at the versions this repo is tested with. */
const appDependencies = [
  '@dnd-kit/core',
  '@payloadcms/db-postgres',
  '@payloadcms/next',
  '@payloadcms/richtext-lexical',
  '@payloadcms/ui',
  'graphql',
  'next',
  'payload',
  'react',
  'react-dom',
]
const appDevDependencies = ['@types/node', '@types/react', '@types/react-dom', 'typescript']

const lockedVersions = (names: string[]): Record<string, string> => {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>
  }
  return Object.fromEntries(
    names.map((name) => {
      const version = lock.packages[`node_modules/${name}`]?.version
      if (!version) throw new Error(`${name} is not in package-lock.json.`)
      return [name, version]
    }),
  )
}

const payloadConfig = `import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import { emailMarketingPlugin } from 'payload-plugin-email-marketing'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  // Payload's default avatar is fetched from gravatar.com, which CI machines may not reach.
  admin: { avatar: 'default', importMap: { baseDir: dirname }, user: 'users' },
  collections: [{ slug: 'users', admin: { useAsTitle: 'email' }, auth: true, fields: [] }],
  db: postgresAdapter({
    migrationDir: path.resolve(dirname, 'migrations'),
    pool: { connectionString: process.env.DATABASE_URL },
  }),
  editor: lexicalEditor(),
  plugins: [emailMarketingPlugin({ secret: process.env.EMAIL_MARKETING_SECRET })],
  secret: process.env.PAYLOAD_SECRET ?? '',
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
})
`

const nextConfig = `import { withPayload } from '@payloadcms/next/withPayload'

export default withPayload({}, { devBundleServerPackages: false })
`

const tsconfig = {
  compilerOptions: {
    allowJs: true,
    esModuleInterop: true,
    incremental: true,
    isolatedModules: true,
    jsx: 'react-jsx',
    lib: ['DOM', 'DOM.Iterable', 'ES2022'],
    module: 'ESNext',
    moduleResolution: 'bundler',
    noEmit: true,
    paths: { '@payload-config': ['./payload.config.ts'] },
    plugins: [{ name: 'next' }],
    resolveJsonModule: true,
    skipLibCheck: true,
    strict: true,
    target: 'ES2022',
  },
  exclude: ['node_modules'],
  include: ['next-env.d.ts', '**/*.ts', '**/*.tsx', '.next/types/**/*.ts'],
}

/** The dev app's Next route files (admin pages, REST and GraphQL routes), which every Payload app has. */
const nextAppFiles = [
  'layout.tsx',
  'custom.scss',
  'admin/[[...segments]]/page.tsx',
  'admin/[[...segments]]/not-found.tsx',
  'api/[...slug]/route.ts',
  'api/graphql/route.ts',
]

/**
 * Writes a minimal Payload 3 app into `dir`: a package.json depending on the packed plugin
 * `tarball` and Payload's packages, a config with a users collection and the plugin, and the Next
 * app files. The import map is left for `payload generate:importmap`.
 */
export const writeScratchApp = (dir: string, tarball: string): void => {
  const packageJson = {
    dependencies: {
      ...lockedVersions(appDependencies),
      'payload-plugin-email-marketing': `file:${tarball}`,
    },
    devDependencies: lockedVersions(appDevDependencies),
    name: 'email-marketing-release-check',
    private: true,
    scripts: { build: 'next build', start: 'next start' },
    type: 'module',
  }
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`)
  writeFileSync(path.join(dir, 'payload.config.ts'), payloadConfig)
  writeFileSync(path.join(dir, 'next.config.mjs'), nextConfig)
  writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`)
  for (const file of nextAppFiles) {
    const target = path.join(dir, 'app/(payload)', file)
    mkdirSync(path.dirname(target), { recursive: true })
    copyFileSync(path.join(root, 'dev/app/(payload)', file), target)
  }
  // generate:importmap fills it in; the layout and pages import it.
  writeFileSync(path.join(dir, 'app/(payload)/admin/importMap.js'), 'export const importMap = {}\n')
}
