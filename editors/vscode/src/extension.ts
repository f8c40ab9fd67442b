// VS Code client for the factline language server (`factline lsp --stdio`).
//
// Settings: every `factline.*` setting except `factline.server.*` and
// `factline.trace.*` is sent to the server as one object S, e.g.
// S = { "rules": {...}, "exclude": [...], "max_file_bytes": 1000000 }:
//   - at start, initializationOptions = { "factline": S }
//   - on change, workspace/didChangeConfiguration with settings = { "factline": S }
//   - on request, S is the answer to workspace/configuration for section "factline".
// (The Neovim and Helix configurations in editors/ send the same shapes.)
// Settings the user did not set (or set to null) are left out, so the server
// keeps factline.toml's value or its own default; dotted names are nested
// ("boilerplate.allow" → { "boilerplate": { "allow": [...] } }).
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
} from 'vscode-languageclient/node';

const SECTION = 'factline';
const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('factline');
// Settings only the client uses.
const CLIENT_ONLY = ['server', 'trace'];

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let status: vscode.LanguageStatusItem | undefined;

/** The `factline.*` settings the server understands, as one JSON object. */
export function serverSettings(): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const ext = vscode.extensions.getExtension('factline.factline');
  const declared = Object.keys(
    (ext?.packageJSON?.contributes?.configuration?.properties as Record<string, unknown>) ?? {},
  );
  const result: Record<string, unknown> = {};
  for (const full of declared) {
    const key = full.slice(SECTION.length + 1);
    if (CLIENT_ONLY.some((c) => key === c || key.startsWith(c + '.'))) continue;
    // Only what the user set: a default here would override factline.toml.
    const seen = cfg.inspect(key);
    const value = seen?.workspaceFolderValue ?? seen?.workspaceValue ?? seen?.globalValue;
    if (value === null || value === undefined) continue;
    // "boilerplate.allow" is sent as { boilerplate: { allow: … } }.
    const path = key.split('.');
    let node = result;
    for (const part of path.slice(0, -1)) {
      if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[path[path.length - 1]] = value;
  }
  return result;
}

function serverCommand(context: vscode.ExtensionContext): string {
  const configured = vscode.workspace.getConfiguration(SECTION).get<string>('server.path')?.trim();
  if (configured) return configured;
  const bundled = context.asAbsolutePath('server/factline');
  if (fs.existsSync(bundled)) {
    try {
      // A .vsix does not always keep the executable bit.
      fs.accessSync(bundled, fs.constants.X_OK);
    } catch {
      try {
        fs.chmodSync(bundled, 0o755);
      } catch (e) {
        output?.warn(`cannot make ${bundled} executable: ${e}`);
      }
    }
    return bundled;
  }
  return 'factline';
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const command = serverCommand(context);
  const where = vscode.workspace.getConfiguration(SECTION).inspect<string>('server.path');
  output?.info(
    `starting ${command} lsp --stdio (factline.server.path: ${JSON.stringify(where?.workspaceValue ?? where?.globalValue ?? '')})`,
  );
  const serverOptions: ServerOptions = {
    run: { command, args: ['lsp', '--stdio'] },
    debug: { command, args: ['lsp', '--stdio'], options: { env: { ...process.env, RUST_LOG: 'debug' } } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'plaintext' },
    ],
    initializationOptions: () => ({ [SECTION]: serverSettings() }),
    outputChannel: output,
    traceOutputChannel: output,
    middleware: {
      workspace: {
        // Answer workspace/configuration for "factline" with S (without the
        // client-only settings).
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, i) =>
            item.section === SECTION ? serverSettings() : answers[i],
          );
        },
      },
    },
  };
  const c = new LanguageClient('factline', 'factline', serverOptions, clientOptions);
  c.onDidChangeState((e) => updateStatus(e.newState, command));
  return c;
}

function updateStatus(state: State, command: string): void {
  if (!status) return;
  switch (state) {
    case State.Starting:
      status.text = '$(sync~spin) factline starting';
      status.severity = vscode.LanguageStatusSeverity.Information;
      break;
    case State.Running:
      status.text = '$(check) factline';
      status.severity = vscode.LanguageStatusSeverity.Information;
      break;
    case State.Stopped:
      status.text = '$(error) factline stopped';
      status.severity = vscode.LanguageStatusSeverity.Error;
      break;
  }
  status.detail = command;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  client = createClient(context);
  try {
    await client.start();
  } catch (e) {
    const choice = await vscode.window.showErrorMessage(
      `factline: could not start the language server (${e instanceof Error ? e.message : e}). ` +
        'Set "factline.server.path" to the factline binary.',
      'Open Settings',
      'Show Log',
    );
    if (choice === 'Open Settings') {
      void vscode.commands.executeCommand('workbench.action.openSettings', 'factline.server.path');
    } else if (choice === 'Show Log') {
      output?.show();
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  const old = client;
  client = undefined;
  if (old) {
    try {
      await old.stop(5000);
    } catch {
      // already dead
    }
    await old.dispose().catch(() => undefined);
  }
  await startClient(context);
}

/** A location as the server sends it (LSP JSON). */
interface LspLocation {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

async function showRelatedPassages(
  uri?: string,
  position?: { line: number; character: number },
  locations?: LspLocation[],
): Promise<void> {
  // From a code lens ("3 related passages in 2 sources"): the server sends
  // the document, the lens position and the passages; show them in the peek
  // view.
  if (typeof uri === 'string' && position && Array.isArray(locations) && client) {
    const conv = client.protocol2CodeConverter;
    await vscode.commands.executeCommand(
      'editor.action.showReferences',
      vscode.Uri.parse(uri),
      conv.asPosition(position),
      locations.map((l) => conv.asLocation(l)),
    );
    return;
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('factline: open a text file and put the cursor on a passage.');
    return;
  }
  // The server answers textDocument/references with the passages related to
  // the one under the cursor; show them in the peek view.
  await vscode.commands.executeCommand('editor.action.referenceSearch.trigger');
}

async function removeAllBoilerplate(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const doc = editor.document;
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      whole,
      FIX_ALL_KIND.value,
      10,
    )) ?? [];
  const ours = actions.filter((a) => a.kind && FIX_ALL_KIND.contains(a.kind));
  if (ours.length === 0) {
    void vscode.window.showInformationMessage('factline: no boilerplate to remove in this file.');
    return;
  }
  for (const action of ours) {
    if (action.edit) {
      const ok = await vscode.workspace.applyEdit(action.edit);
      if (!ok) {
        void vscode.window.showErrorMessage(`factline: could not apply "${action.title}".`);
        return;
      }
    }
    if (action.command) {
      await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    }
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('factline', { log: true });
  status = vscode.languages.createLanguageStatusItem('factline.status', [
    { language: 'plaintext' },
  ]);
  status.name = 'factline';
  status.command = { title: 'Restart', command: 'factline.restartServer' };
  context.subscriptions.push(output, status);

  context.subscriptions.push(
    vscode.commands.registerCommand('factline.showRelatedPassages', showRelatedPassages),
    vscode.commands.registerCommand('factline.removeAllBoilerplate', removeAllBoilerplate),
    vscode.commands.registerCommand('factline.restartServer', () => restart(context)),
    vscode.commands.registerCommand('factline.showOutput', () => output?.show()),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      if (e.affectsConfiguration(`${SECTION}.server`)) {
        await restart(context);
        return;
      }
      if (client?.isRunning()) {
        await client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { [SECTION]: serverSettings() },
        });
      }
    }),
  );

  await startClient(context);
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop().catch(() => undefined);
    client = undefined;
  }
}
