import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SimulationReport } from '../../../server/src/languageservice/simulator/report';
import type { SesscacheApi } from '../../src/extension';
import { EXTENSION_ID, openServerExample } from './examples';
import { requestScreenshot } from './screenshots';


/** The built CLI, run from the extension's own folder (the same product, another adapter). */
function cliSimulate(scenario: unknown): { counters: Record<string, number> } {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sesscache-suite-'));
  try {
    const file = path.join(dir, 'scenario.json');
    fs.writeFileSync(file, JSON.stringify(scenario));
    const r = spawnSync(process.execPath, [path.join(extension.extensionPath, 'dist', 'cli.js'), 'simulate', file, '--json'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('simulating in the editor', () => {
  let api: SesscacheApi;
  before(async () => {
    await openServerExample();
    api = await vscode.extensions.getExtension<SesscacheApi>(EXTENSION_ID)!.activate();
    await api.ready;
  });

  it('shows the predicted paths above the mode call (code lens)', async () => {
    const document = await openServerExample();
    let lenses: vscode.CodeLens[] = [];
    for (let i = 0; i < 50 && lenses.length === 0; i++) {
      lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      if (lenses.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    const titles = lenses.map((l) => l.command?.title ?? '');
    // With TLS 1.2 tickets on (the example does not set SSL_OP_NO_TICKET) the external cache receives nothing.
    assert.deepEqual(titles, [
      'TLS 1.2: store: nothing (tickets only) · lookup: ticket → get_cb · flush: nothing to flush',
      'TLS 1.3: store: new_cb · lookup: ticket → get_cb · flush: nothing to flush',
    ]);
    const line = document.lineAt(lenses[0].range.start.line).text;
    assert.match(line, /SSL_CTX_set_session_cache_mode/);
    assert.equal(lenses[0].command?.command, 'sesscache.simulate');
  });

  it('runs the Simulate command and its report equals `sesscache simulate` on the same scenario', async () => {
    const document = await openServerExample();
    const call = document.getText().indexOf('SSL_CTX_set_session_cache_mode(ctx');
    const position = document.positionAt(call);
    const report = await vscode.commands.executeCommand<SimulationReport>('sesscache.simulate', document.uri.toString(), { line: position.line, character: 4 }, 'TLSv1.2', {
      preset: 'web',
      workload: { connections: 20000 },
      quiet: true,
    });
    assert.ok(report, 'a report');
    assert.equal(report.summary.connections, 20000);
    assert.deepEqual(cliSimulate(report.scenario).counters, report.counters);
    assert.deepEqual(api.shownReports()?.map((r) => r.title), [report.title], 'the report view shows it');
  });

  it('saves the report as a test artifact in a light and a dark theme', async function () {
    if (process.env.SESSCACHE_TEST_SCREENSHOTS !== '1') this.skip();
    const workbench = vscode.workspace.getConfiguration('workbench');
    for (const [theme, name] of [['Default Light Modern', 'report-light'], ['Default Dark Modern', 'report-dark']] as const) {
      await workbench.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      await new Promise((r) => setTimeout(r, 2500));
      assert.ok(await requestScreenshot(name));
    }
    await workbench.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
  });

  it('compares two configurations side by side', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const other = await vscode.workspace.openTextDocument(path.join(folder, 'c', 'legacy_numeric_mode.c'));
    await vscode.window.showTextDocument(other);
    const at = other.positionAt(other.getText().indexOf('SSL_CTX_set_session_cache_mode(ctx, CACHE_FLAGS'));
    await vscode.commands.executeCommand('sesscache.simulate', other.uri.toString(), { line: at.line, character: 4 }, 'TLSv1.2', { preset: 'web', workload: { connections: 20000 }, quiet: true });
    const reports = await vscode.commands.executeCommand<SimulationReport[]>('sesscache.compareSimulations');
    assert.equal(reports?.length, 2);
    assert.equal(api.shownReports()?.length, 2);
  });

  it('cancelling a long run stops it', async () => {
    const document = await openServerExample();
    const position = document.positionAt(document.getText().indexOf('SSL_CTX_set_session_cache_mode(ctx'));
    const pending = vscode.commands.executeCommand<SimulationReport | undefined>('sesscache.simulate', document.uri.toString(), { line: position.line, character: 4 }, 'TLSv1.2', {
      preset: 'api',
      workload: { connections: 20000000 },
      quiet: true,
      // Above sesscache.simulation.maxEvents: the user would have been asked.
      confirmed: true,
    });
    // Cancel once the server has begun the run (its progress began).
    for (let i = 0; i < 600 && !api.simulationRunning(); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(api.simulationRunning(), 'the server began the run');
    assert.equal(await vscode.commands.executeCommand('sesscache.cancelSimulation'), true);
    assert.equal(await pending, undefined);
    // The server says where the run stopped: before its end.
    const said = api.lastCancelledSimulation();
    const stoppedAt = /cancelled after ([\d,]+) of 20,000,000 connections/.exec(said ?? '');
    assert.ok(stoppedAt, `the server said where it stopped: ${said}`);
    assert.ok(Number(stoppedAt[1].replace(/,/g, '')) < 20_000_000, said);
  });
});
