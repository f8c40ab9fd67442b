// Copies the server binary into server/factline so that `vsce package` puts it
// in the .vsix. Source: $FACTLINE_SERVER_BIN, else ../../target/release/factline.
import { copyFileSync, chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = resolve(process.env.FACTLINE_SERVER_BIN || resolve(here, '../../../target/release/factline'));
const dst = resolve(here, '../server/factline');

if (!existsSync(src)) {
  console.error(`copy-server: ${src} does not exist.\n` +
    'Build it first (cargo build --release) or set FACTLINE_SERVER_BIN to the binary to bundle.');
  process.exit(1);
}
mkdirSync(dirname(dst), { recursive: true });
copyFileSync(src, dst);
chmodSync(dst, 0o755);
console.log(`copy-server: ${src} -> server/factline (${statSync(dst).size} bytes)`);
