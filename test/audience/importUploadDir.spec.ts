import os from 'node:os'
import path from 'node:path'

import { importUploadDir } from '../../src/imports/importUploadDir'

const project = path.join(os.tmpdir(), 'some-site')

describe('where uploaded contact CSVs are kept', () => {
  it('defaults to the OS data directory, outside the project folder', () => {
    const dir = importUploadDir({ projectDir: process.cwd() })
    expect(path.relative(process.cwd(), dir).startsWith('..')).toBe(true)
    expect(dir).toMatch(/payload-email-marketing[\\/]imports$/)
  })

  it('refuses a directory inside the project folder and says what to do', () => {
    expect(() =>
      importUploadDir({ projectDir: project, uploadDir: path.join(project, 'uploads') }),
    ).toThrow(/inside the project folder.*allowUploadDirInProject/)
    expect(() => importUploadDir({ projectDir: project, uploadDir: project })).toThrow(
      /inside the project folder/,
    )
  })

  it('accepts one when the site owner says so, and any directory outside', () => {
    const inside = path.join(project, '.imports')
    expect(
      importUploadDir({ allowInsideProject: true, projectDir: project, uploadDir: inside }),
    ).toBe(inside)
    const outside = path.join(os.tmpdir(), 'some-site-imports')
    expect(importUploadDir({ projectDir: project, uploadDir: outside })).toBe(outside)
  })
})
