// The one place panel pages are built: every panel gets the same Content Security Policy (nothing
// by default; scripts only with this page's nonce; styles, fonts and images only from the
// extension's own files) and may load only from dist/webview and media.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export type PageScript = 'metrics' | 'fleet';

export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    // The host keeps the data; a hidden panel is rebuilt from it instead of holding a page in memory.
    retainContextWhenHidden: false,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function nonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, scriptNonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${scriptNonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    // Chart images are made on a canvas; data: is for the PNG a user exports, not for loading.
    `img-src ${cspSource} data:`,
  ].join('; ');
}

export function renderPage(webview: vscode.Webview, extensionUri: vscode.Uri, script: PageScript, title: string): string {
  const n = nonce();
  const asset = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, n)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('dist', 'webview', 'codicon.css')}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${asset('media', 'panels.css')}">
<title>${escapeHtml(title)}</title>
</head>
<body data-panel="${script}">
<script nonce="${n}" src="${asset('dist', 'webview', `${script}.js`)}"></script>
</body>
</html>`;
}
