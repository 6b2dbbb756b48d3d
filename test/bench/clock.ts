// One clock for every load process: CLOCK_MONOTONIC, which on Linux is the same for all
// processes of the machine, so a send time taken in one process and a receive time taken in
// another are directly comparable (Date.now() is wall time, which may step; each process's
// performance.now() starts at its own origin).

/** Milliseconds on the machine-wide monotonic clock. */
export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;
