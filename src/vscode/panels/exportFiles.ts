// CSV and PNG exports go through the extension host: the webview cannot write files, and what it
// sends is checked (a PNG must decode as one) before anything is written where the user chose.
import * as os from 'node:os';
import * as vscode from 'vscode';

export interface FileSaver {
  /** Asks where to save (a save dialog) and writes; undefined when the user cancelled. */
  save(defaultName: string, filters: Record<string, string[]>, data: Uint8Array): Promise<vscode.Uri | undefined>;
}

export const dialogSaver: FileSaver = {
  async save(defaultName, filters, data) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(folder, defaultName), filters, saveLabel: 'Export' });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, data);
    return target;
  },
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The bytes of a `data:image/png;base64,` URL, or undefined when they are not a PNG. */
export function decodePng(dataUrl: string): Uint8Array | undefined {
  const prefix = 'data:image/png;base64,';
  if (!dataUrl.startsWith(prefix)) return undefined;
  const bytes = Buffer.from(dataUrl.slice(prefix.length), 'base64');
  if (bytes.length < 64 || !PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return undefined;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** A file name from a resource name (which may be an S3 URL or hold anything else). */
export function fileNameFor(name: string, suffix: string, extension: string, at = new Date()): string {
  const base = name.replace(/^s3:\/\//, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'resource';
  const stamp = at.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `${base}-${suffix}-${stamp}.${extension}`;
}
