// End-to-end test of the factline VS Code extension in code-server (VS Code in
// a browser) driven by playwright-core and Debian's chromium.
// Run it through vscode_e2e.sh, which installs the tools, builds the .vsix and
// sets the environment:
//   FACTLINE_BIN=target/release/factline editors/tests/vscode_e2e.sh
//
// Environment (set by vscode_e2e.sh):
//   CODE_SERVER        code-server executable
//   PLAYWRIGHT_CORE    path of playwright-core's index.mjs
//   CHROMIUM_BIN       the real chromium binary (/usr/lib/chromium/chromium)
//   FACTLINE_VSIX      the extension to install
//   FACTLINE_E2E_OUT   output folder (screenshots, logs, workspace copy)
//   FACTLINE_E2E_SERVER_PATH  optional: written to the `factline.server.path`
//                      setting; unset = the binary bundled in the .vsix
// Prints one line per check and "vscode-e2e: N passed, M failed"; exits 1 on
// any failure.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync, readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------
// What the checks expect. Adjust here when the server's wording changes.
// Strings are matched as regular expressions (case-sensitive).
// ---------------------------------------------------------------------------
const EXPECT = {
  timeoutMs: Number(process.env.FACTLINE_E2E_TIMEOUT_MS || 60000),
  file: 'harbor-ledger-footbridge.txt',
  firstLine: 'Footbridge gives way',
  // Indexing progress title (window/workDoneProgress) to look for in the
  // status bar. Only noted unless required (a small workspace may be indexed
  // too fast to see).
  progressText: 'Indexing',
  requireProgress: process.env.FACTLINE_E2E_REQUIRE_PROGRESS === '1',
  // At least this many squiggles (any severity) in the opened file.
  minSquiggles: 3,
  // The Problems item in the status bar must count at least this many
  // problems (errors + warnings; VS Code leaves infos and hints out of it).
  minProblems: 3,
  // Hover over the squiggle on the line starting with `hoverLine`; the hover
  // must contain all of these (diagnostic message and the server's hover).
  hoverLine: 'Related videos:',
  hoverText: ['[Bb]oilerplate'],
  // "factline: Show related passages" with the cursor in the first match of
  // `related.find`, `related.at` characters in: the peek view must list at
  // least `related.min` places.
  related: { find: 'injuring 12', at: 'injuring '.length, min: 2 },
  // Turning this rule off in the settings must remove its squiggles
  // (null: skip the check). Must be the code of the rule on `hoverLine`.
  ruleToDisable: 'boilerplate',
  // "factline: Remove all boilerplate in this file" must remove these lines.
  removedLines: ['Related videos:', 'Also Read: Council approves', 'Leave a Reply'],
  // A draft (the `drafts` globs of factline.toml): "Go to Symbol in Editor"
  // lists its claims outline, which must have rows matching each of
  // `outline` once the draft is verified; hovering the line starting with
  // `claimLine` must show `claimHover`.
  draft: { file: 'desk-draft.txt', firstLine: 'Desk draft: the Marlow Quay' },
  outline: ['corroborated · Priya Lonsdale', 'unsourced · A regional tourism survey'],
  claimLine: 'Priya Lonsdale',
  claimHover: 'Claim \\(corroborated\\): reported by [1-9]',
};

// ---------------------------------------------------------------------------
const here = dirname(fileURLToPath(import.meta.url));
const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) throw new Error(`${name} is not set (run vscode_e2e.sh)`);
  return v;
};
const OUT = resolve(env('FACTLINE_E2E_OUT'));
const CODE_SERVER = env('CODE_SERVER');
const CHROMIUM = env('CHROMIUM_BIN', '/usr/lib/chromium/chromium');
const VSIX = resolve(env('FACTLINE_VSIX'));
const SERVER_PATH = process.env.FACTLINE_E2E_SERVER_PATH;
const { chromium } = await import(env('PLAYWRIGHT_CORE'));

let passed = 0;
let failed = 0;
const report = (ok, name, detail = '') => {
  ok ? passed++ : failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
};
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const note = (msg) => console.log(`     [${elapsed()}] ${msg}`);

// --- prepare folders --------------------------------------------------------
rmSync(OUT, { recursive: true, force: true });
const dirs = {
  workspace: join(OUT, 'workspace', 'news'),
  userData: join(OUT, 'user-data'),
  extensions: join(OUT, 'extensions'),
  home: join(OUT, 'home'),
  xdg: join(OUT, 'xdg'),
};
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
cpSync(join(here, 'fixtures', 'news'), dirs.workspace, { recursive: true });
// Workspace settings, changed later in the test. The file exists from the
// start: VS Code notices a change to it at once, but can take half a minute to
// notice a newly created .vscode folder.
const wsSettings = join(dirs.workspace, '.vscode', 'settings.json');
mkdirSync(dirname(wsSettings), { recursive: true });
writeFileSync(wsSettings, '{}\n');

const childEnv = {
  ...process.env,
  // No extension gallery: an unreachable address on this machine, so that
  // code-server does not look up the public one.
  EXTENSIONS_GALLERY: JSON.stringify({
    serviceUrl: 'http://127.0.0.1:9/gallery',
    itemUrl: 'http://127.0.0.1:9/item',
    resourceUrlTemplate: 'http://127.0.0.1:9/resource/{publisher}/{name}/{version}/{path}',
  }),
  HOME: dirs.home,
  XDG_CONFIG_HOME: join(dirs.xdg, 'config'),
  XDG_DATA_HOME: join(dirs.xdg, 'data'),
  XDG_STATE_HOME: join(dirs.xdg, 'state'),
  XDG_CACHE_HOME: join(dirs.xdg, 'cache'),
};
const csCommon = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

// --- install the extension --------------------------------------------------
{
  const r = spawnSync(CODE_SERVER, [...csCommon, '--install-extension', VSIX, '--force'], {
    env: childEnv,
    encoding: 'utf8',
  });
  const installed = existsSync(dirs.extensions) && readdirSync(dirs.extensions).find((d) => d.startsWith('factline.factline-'));
  report(r.status === 0 && !!installed, 'code-server --install-extension', installed || (r.stdout + r.stderr).trim());
  if (installed) {
    const bundled = join(dirs.extensions, installed, 'server', 'factline');
    if (existsSync(bundled)) note(`bundled server ${bundled} mode ${(statSync(bundled).mode & 0o777).toString(8)}`);
  }
}

const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.hover.delay': 100,
  'editor.minimap.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'files.autoSave': 'off',
  'factline.trace.server': 'messages',
};
const writeJson = (file, value) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2));
};
writeJson(join(dirs.userData, 'User', 'settings.json'), userSettings);
// factline.server.path is machine-overridable: in a remote window, and
// code-server's is one, VS Code drops it from the User settings (as soon as
// it knows the extension's settings schema, so only some of the time). The
// place for it is the Remote ("Machine") settings.
if (SERVER_PATH) writeJson(join(dirs.userData, 'Machine', 'settings.json'), { 'factline.server.path': SERVER_PATH });

// --- start code-server ------------------------------------------------------
const port = await new Promise((res, rej) => {
  const s = createServer();
  s.once('error', rej);
  s.listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => res(p));
  });
});
const configFile = join(OUT, 'code-server.yaml');
writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
const csLog = join(OUT, 'code-server.log');
const cs = spawn(
  CODE_SERVER,
  [
    '--config', configFile,
    ...csCommon,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    dirs.workspace,
  ],
  { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
);
let csOutput = '';
cs.stdout.on('data', (d) => (csOutput += d));
cs.stderr.on('data', (d) => (csOutput += d));

let browser;
let page;
const cleanup = async () => {
  writeFileSync(csLog, csOutput);
  if (browser) await browser.close().catch(() => {});
  try {
    process.kill(-cs.pid, 'SIGTERM');
  } catch {}
};
const shot = async (name) => {
  const file = join(OUT, name);
  await page.screenshot({ path: file }).catch((e) => note(`screenshot ${name} failed: ${e.message}`));
  note(`screenshot ${file}`);
};

// Find the newest file matching `pred` under `dir` (for the logs).
const findLogs = (dir, pred, acc = []) => {
  if (!existsSync(dir)) return acc;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) findLogs(p, pred, acc);
    else if (pred(p)) acc.push(p);
  }
  return acc;
};
const dumpLogs = () => {
  const logs = findLogs(join(dirs.userData, 'logs'), (p) => /factline|exthost\.log$|remoteexthost\.log$/.test(p));
  for (const l of logs) {
    console.log(`----- ${l} (last 40 lines)`);
    console.log(readFileSync(l, 'utf8').split('\n').slice(-40).join('\n'));
  }
  console.log(`----- ${csLog} (last 20 lines)`);
  console.log(csOutput.split('\n').slice(-20).join('\n'));
};

const waitFor = async (what, fn, timeout = EXPECT.timeoutMs) => {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last: ${last})` : ''}`);
};

const squiggles = () =>
  page.locator('.monaco-editor .view-overlays [class*="squiggly-"], .monaco-editor .view-overlays .cdr[class*="squiggly"]');

// Squiggle whose vertical position matches the editor line containing `text`.
const squiggleOnLine = async (text) => {
  const line = page.locator('.monaco-editor .view-line', { hasText: text }).first();
  const lb = await line.boundingBox();
  if (!lb) return null;
  const all = await squiggles().all();
  for (const s of all) {
    const b = await s.boundingBox();
    if (b && Math.abs(b.y + b.height / 2 - (lb.y + lb.height / 2)) < lb.height / 2) return { squiggle: s, box: b, line, lineBox: lb };
  }
  return null;
};

const runCommand = async (title) => {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 10000 });
  await page.keyboard.press('Enter');
};

// Put the cursor `at` characters into the first match of `find` in the
// fixture (Go to Line/Column, Ctrl+G, "line:column").
const gotoText = async (find, at) => {
  const text = readFileSync(join(dirs.workspace, EXPECT.file), 'utf8');
  const idx = text.indexOf(find);
  if (idx < 0) throw new Error(`"${find}" is not in ${EXPECT.file}`);
  const before = text.slice(0, idx + at);
  const line = before.split('\n').length;
  const col = idx + at - before.lastIndexOf('\n');
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`:${line}:${col}`);
  await page.keyboard.press('Enter');
  await page.locator('[id="status.editor.selection"]', { hasText: `Ln ${line}, Col ${col}` })
    .first().waitFor({ timeout: 10000 });
};

const problemsCount = async () => {
  const item = page.locator('[id="status.problems"]').first();
  const label = (await item.getAttribute('aria-label')) || (await item.innerText());
  const nums = (label.match(/\d+/g) || []).map(Number);
  return { total: nums.reduce((a, b) => a + b, 0), label };
};

let progressSeen = '';
let finished = false;
const main = async () => {
  await waitFor('code-server to listen', async () => {
    if (cs.exitCode !== null) throw new Error(`code-server exited ${cs.exitCode}`);
    const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    return r && r.ok;
  });
  report(true, 'code-server is up', `127.0.0.1:${port} after ${elapsed()}`);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => note(`page error: ${e.message}`));
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: EXPECT.timeoutMs });
  await page.locator('[id="status.problems"]').first().waitFor({ timeout: EXPECT.timeoutMs });
  report(true, 'workbench loaded', elapsed());

  // Watch the status bar for the server's indexing progress until the end.
  (async () => {
    while (!progressSeen && !finished) {
      const label = await page.locator('[id="status.progress"]').first()
        .getAttribute('aria-label', { timeout: 50 }).catch(() => null);
      if (label && new RegExp(EXPECT.progressText).test(label)) {
        progressSeen = label;
        note(`progress in the status bar: ${JSON.stringify(label)}`);
        await shot('00-progress.png');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();

  // Open the fixture with Quick Open.
  await page.keyboard.press('Control+P');
  const qi = page.locator('.quick-input-widget input');
  await qi.waitFor({ state: 'visible', timeout: 10000 });
  await qi.fill(EXPECT.file);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: EXPECT.file }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-line', { hasText: EXPECT.firstLine }).first().waitFor({ timeout: EXPECT.timeoutMs });
  const lang = await page.locator('[id="status.editor.mode"]').first().innerText().catch(() => '?');
  report(/Plain Text/i.test(lang), 'fixture open as Plain Text', lang);

  // Diagnostics: squiggles and the Problems count.
  const n = await waitFor(`${EXPECT.minSquiggles} squiggles`, async () => {
    const c = await squiggles().count();
    return c >= EXPECT.minSquiggles ? c : 0;
  }).catch((e) => (report(false, 'squiggles', e.message), 0));
  if (n) report(true, 'squiggles', `${n} after ${elapsed()}`);
  const problems = await waitFor('Problems count', async () => {
    const p = await problemsCount();
    return p.total >= EXPECT.minProblems ? p : 0;
  }).catch((e) => (report(false, 'Problems count in the status bar', e.message), null));
  if (problems) report(true, 'Problems count in the status bar', problems.label);
  await shot('01-diagnostics.png');

  // The extension started the binary under test (its log names it).
  {
    const logs = findLogs(join(dirs.userData, 'logs'), (p) => p.endsWith(join('factline.factline', 'factline.log')));
    const text = logs.map((l) => readFileSync(l, 'utf8')).join('\n');
    const started = (text.match(/starting (.*) lsp --stdio/) || [])[1];
    const want = SERVER_PATH || join(dirs.extensions, 'factline.factline-');
    report(!!started && started.startsWith(want), 'server binary', started || `no "starting" line in ${logs.join(', ') || 'the factline log'}`);
  }

  // Hover the squiggle, once the layout has settled (code lenses arrive
  // after the diagnostics and push the lines down): the same position in
  // two polls in a row.
  let target = null;
  await waitFor(`a settled squiggle on "${EXPECT.hoverLine}"`, async () => {
    const t = await squiggleOnLine(EXPECT.hoverLine);
    const settled = t && target && Math.abs(t.box.y - target.box.y) < 1 && Math.abs(t.box.x - target.box.x) < 1;
    target = t;
    return settled;
  }).catch(() => {});
  if (!target) {
    report(false, 'hover', `no squiggle on the line "${EXPECT.hoverLine}"`);
  } else {
    await page.mouse.move(target.box.x + Math.min(8, target.box.width / 2), target.box.y + target.box.height / 2 - 4);
    const text = await waitFor('hover', async () => {
      const h = page.locator('.monaco-hover:not(.hidden)').first();
      if (!(await h.isVisible())) {
        // The line may have moved under the pointer: point at it again.
        const t = await squiggleOnLine(EXPECT.hoverLine);
        if (t) await page.mouse.move(t.box.x + Math.min(8, t.box.width / 2), t.box.y + t.box.height / 2 - 4);
        return null;
      }
      const t = await h.innerText();
      return EXPECT.hoverText.every((re) => new RegExp(re).test(t)) ? t : null;
    }).catch((e) => (report(false, 'hover', e.message), null));
    if (text) report(true, 'hover', JSON.stringify(text.slice(0, 300)));
    await shot('02-hover.png');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  }

  // "factline: Show related passages" with the cursor on a line.
  {
    await gotoText(EXPECT.related.find, EXPECT.related.at);
    await runCommand('factline: Show related passages');
    const rows = await waitFor('the references peek view', async () => {
      const widget = page.locator('.zone-widget .peekview-widget, .reference-zone-widget').first();
      if (!(await widget.isVisible())) return 0;
      const c = await page.locator('.reference-zone-widget .ref-tree .monaco-list-row').count();
      return c >= EXPECT.related.min ? c : 0;
    }).catch((e) => (report(false, 'related passages peek view', e.message), 0));
    if (rows) {
      const title = await page.locator('.peekview-widget .peekview-title').first().innerText().catch(() => '');
      report(true, 'related passages peek view', `${rows} rows; ${title.replace(/\s+/g, ' ')}`);
    }
    await shot('03-related.png');
    await page.keyboard.press('Escape');
  }

  // Settings reach the server: turning the rule off (in the workspace's
  // .vscode/settings.json) removes its squiggle.
  if (EXPECT.ruleToDisable) {
    writeFileSync(wsSettings, JSON.stringify({ 'factline.rules': { [EXPECT.ruleToDisable]: { enabled: false } } }, null, 2));
    const gone = await waitFor(`the ${EXPECT.ruleToDisable} squiggle to go`, async () => !(await squiggleOnLine(EXPECT.hoverLine)))
      .catch((e) => (report(false, 'settings change reaches the server', e.message), false));
    if (gone) report(true, 'settings change reaches the server', `rule ${EXPECT.ruleToDisable} off after ${elapsed()}`);
    writeFileSync(wsSettings, '{}\n');
    const back = await waitFor('the squiggle to come back', async () => !!(await squiggleOnLine(EXPECT.hoverLine)))
      .catch((e) => (report(false, 'settings change back', e.message), false));
    if (back) report(true, 'settings change back', `rule ${EXPECT.ruleToDisable} on after ${elapsed()}`);
  }

  // "factline: Restart server": a second server starts and publishes again.
  {
    const factlineLog = () =>
      findLogs(join(dirs.userData, 'logs'), (p) => p.endsWith(join('factline.factline', 'factline.log')))
        .map((l) => readFileSync(l, 'utf8')).join('\n');
    const starts = () => (factlineLog().match(/starting .* lsp --stdio/g) || []).length;
    const before = starts();
    await runCommand('factline: Restart server');
    const ok = await waitFor('a restarted server with squiggles', async () =>
      starts() > before && (await squiggles().count()) >= EXPECT.minSquiggles,
    ).catch((e) => (report(false, 'restart server', e.message), false));
    if (ok) report(true, 'restart server', `${starts()} starts, ${await squiggles().count()} squiggles`);
  }

  // "factline: Remove all boilerplate in this file".
  {
    await page.locator('.monaco-editor .view-line').first().click();
    note('running "factline: Remove all boilerplate in this file"');
    await runCommand('factline: Remove all boilerplate in this file');
    note('command started');
    const ok = await waitFor('the boilerplate lines to be removed', async () => {
      for (const l of EXPECT.removedLines) {
        if ((await page.locator('.monaco-editor .view-line', { hasText: l }).count()) > 0) return false;
      }
      return true;
    }).catch((e) => (report(false, 'remove all boilerplate', e.message), false));
    if (ok) {
      const left = await squiggles().count();
      report(true, 'remove all boilerplate', `${EXPECT.removedLines.length} lines gone, ${left} squiggles left`);
    }
    await shot('04-boilerplate-removed.png');
  }

  // A draft: the claims outline and a claim's hover.
  {
    await page.keyboard.press('Control+P');
    const q = page.locator('.quick-input-widget input');
    await q.waitFor({ state: 'visible', timeout: 10000 });
    await q.fill(EXPECT.draft.file);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: EXPECT.draft.file }).first().waitFor({ timeout: 10000 });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-line', { hasText: EXPECT.draft.firstLine }).first().waitFor({ timeout: EXPECT.timeoutMs });
    // The outline is asked again until the draft's verification has the
    // sources (the workspace may still be indexing when the draft opens).
    const rows = await waitFor('the claims outline', async () => {
      await runCommand('Go to Symbol in Editor');
      const list = page.locator('.quick-input-widget .monaco-list-row');
      await list.first().waitFor({ state: 'visible', timeout: 10000 });
      const texts = await list.allInnerTexts();
      const ok = EXPECT.outline.every((re) => texts.some((t) => new RegExp(re).test(t.replace(/\s+/g, ' '))));
      if (!ok) await page.keyboard.press('Escape');
      return ok ? texts : null;
    }).catch((e) => (report(false, 'claims outline (Go to Symbol in Editor)', e.message), null));
    if (rows) report(true, 'claims outline (Go to Symbol in Editor)', JSON.stringify(rows.slice(0, 4).map((t) => t.replace(/\s+/g, ' ').slice(0, 70))));
    await shot('05-claims-outline.png');
    await page.keyboard.press('Escape');
    const text = await waitFor('the claim hover', async () => {
      const line = page.locator('.monaco-editor .view-line', { hasText: EXPECT.claimLine }).first();
      const b = await line.boundingBox();
      if (!b) return null;
      const h = page.locator('.monaco-hover:not(.hidden)').first();
      if (!(await h.isVisible())) {
        await page.mouse.move(5, 5);
        await page.mouse.move(b.x + 40, b.y + b.height / 2);
        return null;
      }
      const t = await h.innerText();
      if (new RegExp(EXPECT.claimHover).test(t)) return t;
      await page.mouse.move(5, 5);
      return null;
    }).catch((e) => (report(false, 'claim hover', e.message), null));
    if (text) report(true, 'claim hover', JSON.stringify(text.slice(0, 300)));
    await shot('06-claim-hover.png');
    await page.mouse.move(5, 5);
  }
};

try {
  await main();
  finished = true;
  if (EXPECT.requireProgress) report(!!progressSeen, 'indexing progress in the status bar', progressSeen || 'not seen');
  else note(`indexing progress in the status bar: ${progressSeen ? JSON.stringify(progressSeen) : 'not seen (too fast?)'}`);
} catch (e) {
  report(false, 'driver error', e.stack || String(e));
  if (page) await shot('failure.png');
}
if (failed) dumpLogs();
await cleanup();
console.log(`vscode-e2e took ${elapsed()}`);
console.log(`vscode-e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
