import { readdirSync, readFileSync } from 'node:fs'

const ticksPerSecond = 100

/** CPU seconds used so far by every local process whose command is `name` (Linux /proc), or null elsewhere. */
const processesCpuSeconds = (name: string): null | number => {
  let ticks = 0
  try {
    for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
      let stat: string
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      } catch {
        continue // the process ended between listing and reading
      }
      const close = stat.lastIndexOf(')')
      if (stat.slice(stat.indexOf('(') + 1, close) !== name) continue
      const fields = stat.slice(close + 2).split(' ')
      // utime, stime, and the times of exited children (the postmaster's finished backends)
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])
    }
  } catch {
    return null
  }
  return ticks / ticksPerSecond
}

/** This process's CPU seconds so far. */
const ownCpuSeconds = (): number => {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1e6
}

/** Starts counting CPU seconds of this process and of the local Postgres; call the result to read them. */
export const cpuMeter = () => {
  const before = { bench: ownCpuSeconds(), postgres: processesCpuSeconds('postgres') }
  return () => {
    const postgres = processesCpuSeconds('postgres')
    return {
      bench: Number((ownCpuSeconds() - before.bench).toFixed(2)),
      postgres:
        postgres === null || before.postgres === null
          ? null
          : Number((postgres - before.postgres).toFixed(2)),
    }
  }
}
