// The widget's texts, one file per language beside the bundle (texts-de.json …, written by
// scripts/bundle-element.mjs): the wasm holds none, so a page downloads only the languages it shows. The
// page's languages are fetched while the wasm loads; another one when an element first asks for it.
//
// Bundled into the element module by scripts/bundle-element.mjs, so `import.meta.url` is the bundle's own
// address, and the URLs are written out one by one so that a bundler (Vite) sees and copies each file.
const LANGS = ['de', 'fr', 'it', 'en'];

/** The file of one of LANGS (in a function, so bundles without texts files keep no URL of one). */
function fileOf(lang) {
  switch (lang) {
    case 'de': return new URL('./texts-de.json', import.meta.url);
    case 'fr': return new URL('./texts-fr.json', import.meta.url);
    case 'it': return new URL('./texts-it.json', import.meta.url);
    default: return new URL('./texts-en.json', import.meta.url);
  }
}

/** The widget's language for a tag ("de-CH", "gsw", "FR", …), as `Lang::from_tag` reads it; English else. */
export function langOf(tag) {
  const primary = String(tag ?? '').trim().split(/[-_]/)[0].toLowerCase();
  if (primary === 'gsw') return 'de';
  return LANGS.includes(primary) ? primary : 'en';
}

/** Each language's file as parsed JSON, fetched once (a failed fetch is tried again on the next ask). */
const fetched = new Map();

function fetchTexts(lang) {
  if (!fetched.has(lang)) {
    const texts = fetch(fileOf(lang)).then((response) => {
      if (!response.ok) throw new Error(`swiss-checkout: the ${lang} texts answered ${response.status}`);
      return response.json();
    });
    texts.catch(() => fetched.delete(lang));
    fetched.set(lang, texts);
  }
  return fetched.get(lang);
}

/**
 * The texts of the languages of `tags`, fetched now, before the wasm is running: call `load` with the
 * widget's `addTexts` once it is. Rejects only when none of them (nor English) can be had.
 */
export function prefetchTexts(tags) {
  const langs = [...new Set(tags.map(langOf))];
  for (const lang of langs) fetchTexts(lang).catch(() => {});
  return {
    async load(addTexts) {
      const added = await Promise.allSettled(langs.map((lang) => textsFor(lang, addTexts)));
      if (added.some((result) => result.status === 'fulfilled')) return;
      await textsFor('en', addTexts);
    },
  };
}

/** Languages the widget has: their `addTexts` done. */
const added = new Map();

/** Resolves once the widget has the texts of `tag`'s language (its `addTexts` called once per language). */
export function textsFor(tag, addTexts) {
  const lang = langOf(tag);
  if (!added.has(lang)) {
    const done = fetchTexts(lang).then((texts) => addTexts(lang, texts));
    done.catch(() => added.delete(lang));
    added.set(lang, done);
  }
  return added.get(lang);
}

const DESTROYED = Symbol('destroyed');

/**
 * Makes a mounted widget's `setLang(tag)` wait for that language's texts (until they are here the widget
 * shows a language it has) and return a promise of the switch; asks for `tag`'s language now. A language
 * whose texts cannot be had leaves the one shown, with a warning in the console.
 */
export function switchWhenLoaded(handle, tag, addTexts) {
  const setLang = handle.setLang.bind(handle);
  const destroy = handle.destroy.bind(handle);
  let wanted = tag;
  handle.setLang = (next) => {
    wanted = next;
    // The language as the widget reads the tag: "" or an unknown tag is English, as at mount.
    return textsFor(next, addTexts).then(
      () => { if (wanted === next) setLang(langOf(next)); },
      (error) => console.warn(error),
    );
  };
  handle.destroy = () => {
    wanted = DESTROYED;
    destroy();
  };
  handle.setLang(tag);
  return handle;
}
