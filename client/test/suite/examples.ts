import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'sesscache.sesscache';

/** examples/c/external_cache_server.c, open in an editor. */
export async function openServerExample(): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const document = await vscode.workspace.openTextDocument(path.join(folder, 'c', 'external_cache_server.c'));
  await vscode.window.showTextDocument(document);
  return document;
}
