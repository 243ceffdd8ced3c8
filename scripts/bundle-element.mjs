// Makes the script-tag bundle of the <swiss-checkout> element small: the element (js/swiss-checkout.js), the
// widget's wasm-bindgen module and the loader of its split-off chunks become one minified ES module
// (rolldown), the parts' CSS one minified stylesheet (lightningcss), and with --fetched-texts their texts one
// file per language (texts-de.json …: the page fetches only the languages it shows; crates/widget/src/i18n.rs).
// Usage: node scripts/bundle-element.mjs [--with-leaflet] [--fetched-texts] [--entry js/….js] <folder> <css files…>; the folder
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
// --fetched-texts: the wasm holds no texts (the widget's Cargo feature); they go into one file per language.
const fetchedTexts = process.argv.includes('--fetched-texts');
const args = process.argv.slice(2).filter((arg) => arg !== '--with-leaflet' && arg !== '--fetched-texts');
const entryAt = args.indexOf('--entry');
const source = entryAt >= 0 ? args.splice(entryAt, 2)[1] : 'js/swiss-checkout.js';
const [folder, ...stylesheets] = args;
if (!folder || stylesheets.length === 0) throw new Error('usage: bundle-element.mjs [--entry file] <folder> <css files…>');
const out = path.resolve(root, folder);
const name = path.basename(source, '.js');

// The element imports './swiss-checkout-widget.js': bundle from a copy beside it.
const entry = path.join(out, 'element-entry.js');
fs.copyFileSync(path.join(root, source), entry);
// … and the texts loader and plain fields it imports ('./texts.js', './fallback.js').
const textsLoader = path.join(out, 'texts.js');
fs.copyFileSync(path.join(root, 'js/texts.js'), textsLoader);
const fallback = path.join(out, 'fallback.js');
fs.copyFileSync(path.join(root, 'js/fallback.js'), fallback);
// The one description of the posted address fields (crates/widget/src/address/fields.rs, written out by a test).
const addressFields = fs.readFileSync(path.join(root, 'crates/widget/src/address/fields.json'), 'utf8');
await build({
  input: entry,
  transform: {
    define: {
      WITH_LEAFLET: String(withLeaflet),
      FETCHED_TEXTS: String(fetchedTexts),
      ADDRESS_FIELDS: JSON.stringify(JSON.parse(addressFields)),
    },
  },
  output: { file: path.join(out, `${name}.js`), format: 'esm', minify: true },
  logLevel: 'warn',
});
fs.rmSync(entry);
fs.rmSync(textsLoader);
fs.rmSync(fallback);
// Bundled now: the glue, and the loader of the split-off chunks when there are any.
fs.rmSync(path.join(out, 'swiss-checkout-widget.js'));
fs.rmSync(path.join(out, '__wasm_split.js'), { force: true });

const css = stylesheets.map((file) => fs.readFileSync(path.resolve(root, file), 'utf8')).join('\n');
const { code } = transform({ filename: `${name}.css`, code: Buffer.from(css), minify: true });
fs.writeFileSync(path.join(out, `${name}.css`), code);

// The texts of the parts whose stylesheets the bundle has (each beside its texts.json, generated from the
// Rust texts by a test), and those every part shares; one file per language.
const widget = path.join(root, 'crates/widget/src');
const readTexts = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const parts = [['strings', readTexts(path.join(widget, 'i18n.json'))]];
for (const stylesheet of stylesheets) {
  const folder = path.dirname(path.resolve(root, stylesheet));
  const file = path.join(folder, 'texts.json');
  if (fs.existsSync(file)) parts.push([path.basename(folder), readTexts(file)]);
}
// Per part the texts in the order of the files (which is the order the wasm reads them in): the names are
// for people, the wasm has none.
const inOrder = (texts) => Object.values(texts).flatMap((text) => (typeof text === 'string' ? [text] : inOrder(text)));
for (const lang of fetchedTexts ? ['de', 'fr', 'it', 'en'] : []) {
  const texts = Object.fromEntries(parts.map(([part, languages]) => {
    if (!languages[lang]) throw new Error(`${part}: no ${lang} texts`);
    return [part, inOrder(languages[lang])];
  }));
  fs.writeFileSync(path.join(out, `texts-${lang}.json`), JSON.stringify(texts));
}
