/**
 * zod 4 probes `new Function` to compile fast parsers; the renderer's CSP forbids eval, so that
 * probe is reported as a violation. Jitless parsing is plenty fast for bridge payloads.
 *
 * Written to zod's global config object directly: the bundler drops a bare `z.config(...)` call
 * (zod is declared side-effect free), and this object is the one zod reads whichever module
 * happens to be evaluated first.
 */
const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig ??= {};
holder.__zod_globalConfig.jitless = true;
