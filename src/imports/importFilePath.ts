import path from 'node:path'

/** Where Payload stored an import's uploaded CSV. */
export const importFilePath = (uploadDir: string, filename: string): string => {
  const resolved = path.resolve(uploadDir, filename)
  if (path.dirname(resolved) !== path.resolve(uploadDir)) {
    throw new Error(`The import file name "${filename}" points outside the upload directory.`)
  }
  return resolved
}
