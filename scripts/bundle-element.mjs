// Makes the script-tag bundle of the <swiss-checkout> element small: the element (js/swiss-checkout.js), the
// widget's wasm-bindgen module and the loader of its split-off chunks become one minified ES module
// (rolldown), and the parts' CSS one minified stylesheet (lightningcss).
// Usage: node scripts/bundle-element.mjs [--with-leaflet] [--entry js/….js] <folder> <css files…>; the folder
// holds swiss-checkout-widget.js and its wasm (scripts/build-element.sh). The entry (the <swiss-checkout>
// element by default) names the bundle: js/swiss-checkout-aftersale.js gives swiss-checkout-aftersale.js and
// swiss-checkout-aftersale.css.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { transform } from 'lightningcss';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// --with-leaflet: the build has the pickup part, and Leaflet's files lie in <folder>/leaflet.
const withLeaflet = process.argv.includes('--with-leaflet');
const args = process.argv.slice(2).filter((arg) => arg !== '--with-leaflet');
const entryAt = args.indexOf('--entry');
const source = entryAt >= 0 ? args.splice(entryAt, 2)[1] : 'js/swiss-checkout.js';
const [folder, ...stylesheets] = args;
if (!folder || stylesheets.length === 0) throw new Error('usage: bundle-element.mjs [--entry file] <folder> <css files…>');
const out = path.resolve(root, folder);
const name = path.basename(source, '.js');

// The element imports './swiss-checkout-widget.js': bundle from a copy beside it.
const entry = path.join(out, 'element-entry.js');
fs.copyFileSync(path.join(root, source), entry);
await build({
  input: entry,
  transform: { define: { WITH_LEAFLET: String(withLeaflet) } },
  output: { file: path.join(out, `${name}.js`), format: 'esm', minify: true },
  logLevel: 'warn',
});
fs.rmSync(entry);
// Bundled now: the glue, and the loader of the split-off chunks when there are any.
fs.rmSync(path.join(out, 'swiss-checkout-widget.js'));
fs.rmSync(path.join(out, '__wasm_split.js'), { force: true });

const css = stylesheets.map((file) => fs.readFileSync(path.resolve(root, file), 'utf8')).join('\n');
const { code } = transform({ filename: `${name}.css`, code: Buffer.from(css), minify: true });
fs.writeFileSync(path.join(out, `${name}.css`), code);
