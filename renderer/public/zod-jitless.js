// Loaded as a classic script before the app's modules. zod 4 decides at schema construction
// whether to compile parsers with `new Function`; our CSP forbids eval, and even zod's probe would
// be reported as a violation. Setting its global config here, before zod loads, turns JIT off.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, {
  jitless: true,
});
