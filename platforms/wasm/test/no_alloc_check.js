// node no_alloc_check.js folio_wasm.wasm
// The module neither imports nor exports an allocator, and contains no function named like one (the
// name section is present at -O2 only when profiling; imports/exports are always checked). Together with
// the -sMALLOC=none link this shows the WebAssembly engine runs with no heap.
'use strict';
const fs = require('fs');
const bytes = fs.readFileSync(process.argv[2]);
const mod = new WebAssembly.Module(bytes);
const names = [...WebAssembly.Module.imports(mod), ...WebAssembly.Module.exports(mod)].map((e) => e.name);
const bad = names.filter((n) => /^_?(malloc|calloc|realloc|free|memalign|aligned_alloc|posix_memalign|emscripten_builtin_malloc|dlmalloc|_Znw|_Zna)$/.test(n));
if (bad.length) {
  console.error(`FAIL allocator symbols in ${process.argv[2]}: ${bad.join(', ')}`);
  process.exit(1);
}
console.log(`ok   no allocator imported or exported (${names.length} imports/exports checked), ${bytes.length} bytes`);
