// Preloaded (node -r) into the electronegativity process by scripts/audit-security.mjs.
// Electronegativity writes its CSV report with two async fs.writeFile calls started back to back:
// the header (flag 'w', truncating) and the rows (flag 'a'). When the append lands first, the
// header write overwrites the start of the first row, and the report reads as a nonsense finding
// (CI saw "ted in the target application" as a check id). Making fs.writeFile run synchronously,
// in call order, removes the race; the callback still runs asynchronously, as callers expect.
'use strict';
const fs = require('node:fs');

const original = fs.writeFile;
fs.writeFile = function orderedWriteFile(file, data, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  // Anything but the callback form keeps Node's own behaviour (and its argument errors).
  if (typeof done !== 'function') return original.apply(this, arguments);
  const opts = typeof options === 'function' ? undefined : options;
  let error = null;
  try {
    fs.writeFileSync(file, data, opts);
  } catch (e) {
    error = e;
  }
  process.nextTick(done, error);
};
