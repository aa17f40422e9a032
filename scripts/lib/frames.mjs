// The frame targets of the renderer benchmarks, read the same way by each of them.

/** One 60 Hz vsync period, the target for a frame. */
export const VSYNC_MS = 16.7;

/**
 * "p95 frame time <= 16.7 ms" read with the jitter of what measures it: rAF deltas wander a few
 * tenths of a millisecond around the vsync period (Chromium also coarsens timestamps to 0.1 ms),
 * so frames that all met their vsync read 16.6-16.8 ms. A late frame is a whole period more
 * (33.3 ms), so this tolerance cannot hide one.
 */
export const ON_TIME_P95_MS = VSYNC_MS + 0.5;

/** A frame is dropped when it took more than one and a half vsync periods. */
export const DROPPED_FRAME_MS = 25;
