// Removes from a wasm module the exports whose names start with a prefix, so that wasm-opt then drops the
// code only they reach. Used for wasm-streams' exported classes (IntoUnderlyingSource, …Sink, …ByteSource):
// leptos links server_fn's browser client into every wasm build, and #[wasm_bindgen] exports of a dependency
// survive the link even when nothing calls them. The widget never makes a stream, so nothing creates those
// classes; their JavaScript wrappers stay in the glue, unused. About 1 KB brotli per bundle.
// Usage: node scripts/strip-exports.mjs <module.wasm> <prefix>…
import fs from 'node:fs';

const [file, ...prefixes] = process.argv.slice(2);
if (!file || prefixes.length === 0) throw new Error('usage: strip-exports.mjs <module.wasm> <prefix>…');
const data = fs.readFileSync(file);
const fail = (why) => { throw new Error(`${file}: ${why}`); };
if (data.length < 8 || data.readUInt32LE(0) !== 0x6d736100 || data.readUInt32LE(4) !== 1) fail('not a wasm module');

function readLeb(at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (at >= data.length || shift > 35) fail('a number runs past the end');
    const byte = data[at];
    at += 1;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function leb(value) {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    bytes.push(byte);
  } while (value);
  return Buffer.from(bytes);
}

const EXPORT_SECTION = 7;
const pieces = [data.subarray(0, 8)];
let removed = 0;
for (let at = 8; at < data.length;) {
  const kind = data[at];
  const [size, start] = readLeb(at + 1);
  const end = start + size;
  if (end > data.length) fail('a section runs past the end');
  if (kind !== EXPORT_SECTION) {
    pieces.push(data.subarray(at, end));
  } else {
    let [count, cursor] = readLeb(start);
    const kept = [];
    for (; count > 0; count -= 1) {
      const entry = cursor;
      const [length, nameAt] = readLeb(cursor);
      const name = data.subarray(nameAt, nameAt + length).toString('utf8');
      [, cursor] = readLeb(nameAt + length + 1); // the export's kind byte, then its index
      if (prefixes.some((prefix) => name.startsWith(prefix))) removed += 1;
      else kept.push(data.subarray(entry, cursor));
    }
    if (cursor !== end) fail('the export section does not end where its size says');
    const body = Buffer.concat([leb(kept.length), ...kept]);
    pieces.push(Buffer.from([EXPORT_SECTION]), leb(body.length), body);
  }
  at = end;
}
fs.writeFileSync(file, Buffer.concat(pieces));
if (removed) console.log(`${file}: ${removed} unused exports removed (${prefixes.join(', ')})`);
// Nothing to remove: a newer wasm-bindgen or wasm-streams names them otherwise, and their code is back.
else console.warn(`${file}: no export starts with ${prefixes.join(' or ')}; see scripts/strip-exports.mjs`);
