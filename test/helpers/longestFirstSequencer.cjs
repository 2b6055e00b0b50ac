const Sequencer = require('@jest/test-sequencer').default

/**
 * Files that take minutes (processes killed and restarted, Postgres restarted, thousands of
 * webhooks) start first, so a fresh checkout without jest's timing cache does not end its run with
 * one of them going alone on one worker while the other idles. The rest keep jest's own order
 * (earlier failures, then the slowest in the cache, then the largest files).
 */
const longRunning =
  /\/test\/(automations\/eventCrash|sending\/workers|worker\/databaseRestart|campaigns\/pauseResumeRace|worker\/scaleOut|access\/clientAddressTrusted|automations\/crash)\.spec\.ts$/

class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests)
    return [
      ...ordered.filter((test) => longRunning.test(test.path)),
      ...ordered.filter((test) => !longRunning.test(test.path)),
    ]
  }
}

module.exports = LongestFirstSequencer
