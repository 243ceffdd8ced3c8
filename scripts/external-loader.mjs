// Trunk post_build hook (Trunk.toml): moves the inline module script Trunk writes into index.html to a file
// of its own, so the demo page runs under a Content Security Policy without 'unsafe-inline'
// (`script-src 'self' 'wasm-unsafe-eval'`). The file name carries a hash of its content, like Trunk's own.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('TRUNK_STAGING_DIR is not set: run this from a Trunk hook');
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
const indexPath = path.join(staging, 'index.html');
const html = fs.readFileSync(indexPath, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const found = html.match(inline);
if (!found) throw new Error(`${indexPath}: no inline module script to move`);
const source = found[1].trim() + '\n';
const name = `loader-${createHash('sha256').update(source).digest('hex').slice(0, 16)}.js`;
fs.writeFileSync(path.join(staging, name), source);
fs.writeFileSync(indexPath, html.replace(inline, `<script type="module" src="${publicUrl}${name}"></script>`));
