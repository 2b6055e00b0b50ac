/**
 * At most `size` holders at once. `acquire` resolves to a release function that may be called
 * more than once (only the first call frees the slot).
 */
export const callSlots = (size: number) => {
  let free = size
  const waiting: Array<() => void> = []
  const release = () => {
    const next = waiting.shift()
    if (next) next()
    else free += 1
  }
  const acquire = async (): Promise<() => void> => {
    if (free > 0) free -= 1
    else await new Promise<void>((resolve) => waiting.push(resolve))
    let released = false
    return () => {
      if (released) return
      released = true
      release()
    }
  }
  return { acquire }
}
