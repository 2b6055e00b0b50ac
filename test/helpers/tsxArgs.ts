/**
 * Node arguments for running one of our TypeScript entries in a child process of its own.
 *
 * `--conditions=development` makes lexical (which Payload's rich text editor loads) resolve to its
 * plain builds. Without it Node picks lexical's `node` entries, a dozen modules that each pick a build
 * with a top-level `await import()`; on Node 20 that module graph sometimes never settles when the
 * machine is busy, and the process exits with code 13 before running a line of ours.
 */
export const tsxNodeArgs = ['--conditions=development', '--import', 'tsx']
