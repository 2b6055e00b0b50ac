import os from 'node:os'
import path from 'node:path'

/** The OS's per-user data directory (XDG on Linux, Application Support on macOS, LOCALAPPDATA on Windows). */
const dataHome = (): string => {
  if (process.platform === 'win32')
    return process.env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local')
  if (process.platform === 'darwin')
    return path.join(os.homedir(), 'Library', 'Application Support')
  return process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share')
}

const isInside = (dir: string, parent: string): boolean => {
  const relative = path.relative(parent, dir)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/**
 * Where uploaded CSVs are kept. They hold customer data, so by default they live outside the
 * project (the OS data directory), where no `git add` picks them up; a directory inside the
 * project is refused unless `allowInsideProject` says the site owner meant it.
 */
export const importUploadDir = ({
  allowInsideProject = false,
  projectDir = process.cwd(),
  uploadDir,
}: {
  allowInsideProject?: boolean
  projectDir?: string
  uploadDir?: string
}): string => {
  const dir = path.resolve(uploadDir ?? path.join(dataHome(), 'payload-email-marketing', 'imports'))
  if (!allowInsideProject && isInside(dir, path.resolve(projectDir))) {
    throw new Error(
      `payload-plugin-email-marketing: imports.uploadDir (${dir}) is inside the project folder, where uploaded contact lists could end up in a commit. Use a directory outside it (the default is the OS data directory), or set imports.allowUploadDirInProject: true if it is git-ignored on purpose.`,
    )
  }
  return dir
}
