import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import * as entry from '../../src/index'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Names in backticks (`name` or `name(...)`) in the README's "API" section. */
const readmeApiNames = async (): Promise<string[]> => {
  const readme = await readFile(path.join(root, 'README.md'), 'utf8')
  const section = readme.split('\n## API\n')[1]?.split('\n## ')[0]
  if (!section) throw new Error('README.md has no "## API" section.')
  return [...section.matchAll(/`([A-Za-z][A-Za-z0-9]*)[(`]/g)].map((match) => match[1]!).sort()
}

/** Every name src/index.ts exports, types included, read from its source. */
const entryNames = async (): Promise<string[]> => {
  const source = await readFile(path.join(root, 'src/index.ts'), 'utf8')
  const listed = [...source.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((match) =>
    match[1]!
      .split(',')
      .map((name) => name.trim().replace(/^type /, ''))
      .filter(Boolean),
  )
  const declared = [...source.matchAll(/export (?:const|function|class) (\w+)/g)].map(
    (match) => match[1]!,
  )
  return [...listed, ...declared].sort()
}

describe('the package entry', () => {
  it('exports exactly the names the README API section lists', async () => {
    expect(await entryNames()).toEqual(await readmeApiNames())
  })

  it('has a runtime value for every listed function and error, and nothing unlisted', async () => {
    const listed = await readmeApiNames()
    const values = Object.keys(entry).sort()
    expect(values.filter((name) => !listed.includes(name))).toEqual([])
    for (const name of values)
      expect(typeof (entry as Record<string, unknown>)[name]).toBe('function')
    expect(values).toEqual(
      expect.arrayContaining(['emailMarketingPlugin', 'sendTransactional', 'startWorker']),
    )
  })
})
