// Streams an LHEO file with saxes and hands over one <formation> subtree at a time, so memory
// stays bounded by the largest formation, never by the file.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { createGunzip } from 'node:zlib';
import { SaxesParser } from 'saxes';

export const LHEO_NAMESPACES = { 'http://www.lheo.org/2.2': '2.2', 'http://lheo.gouv.fr/2.3': '2.3' } as const;
export type LheoVersion = (typeof LHEO_NAMESPACES)[keyof typeof LHEO_NAMESPACES];

/** An element of a formation subtree, with the line it starts on for reports. */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
  line: number;
}

/** The whole file is unusable: nothing of it may be imported. */
export class FatalSourceError extends Error {}

export interface StreamOptions {
  onVersion?: (version: LheoVersion) => void;
  onFormation: (node: XmlNode, hash: string) => void;
  /** Called after each chunk with the bytes read so far. */
  onProgress?: (bytes: number) => void;
}

export async function streamFormations(file: string, options: StreamOptions): Promise<LheoVersion> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let version: LheoVersion | undefined;
  let namespace = '';
  let depth = 0;
  // The formation being read: stack[0] is <formation>, the last is the open element.
  const stack: XmlNode[] = [];
  let hash: ReturnType<typeof createHash> | undefined;
  let parseError: Error | undefined;

  parser.on('error', (error) => {
    parseError ??= error;
  });
  parser.on('opentag', (tag) => {
    depth += 1;
    if (depth === 1) {
      const found = LHEO_NAMESPACES[tag.uri as keyof typeof LHEO_NAMESPACES];
      if (tag.local !== 'lheo' || !found) {
        throw new FatalSourceError(`not an LHEO 2.2 or 2.3 file: root element <${tag.name}> in namespace "${tag.uri}"`);
      }
      version = found;
      namespace = tag.uri;
      options.onVersion?.(found);
      return;
    }
    // Foreign elements (other namespaces) are not LHEO: they are skipped with their content.
    if (tag.uri !== namespace && stack.length === 0) return;
    const attrs: Record<string, string> = {};
    for (const attr of Object.values(tag.attributes)) {
      if (!attr.uri) attrs[attr.local] = attr.value;
    }
    if (stack.length === 0) {
      if (tag.local !== 'formation') return;
      hash = createHash('sha256');
    }
    const node: XmlNode = { name: tag.local, attrs, children: [], text: '', line: parser.line };
    hash!.update(`<${tag.local}${JSON.stringify(attrs)}`);
    stack.at(-1)?.children.push(node);
    stack.push(node);
  });
  const onText = (text: string) => {
    const open = stack.at(-1);
    if (!open) return;
    open.text += text;
    hash!.update(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    depth -= 1;
    if (stack.length === 0) return;
    const node = stack.pop()!;
    hash!.update('>');
    if (stack.length === 0) options.onFormation(node, hash!.digest('hex'));
  });

  const raw = fs.createReadStream(file);
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new FatalSourceError(`not UTF-8 text (invalid byte sequence after about ${bytes - chunk.length} bytes)`);
      }
      parser.write(text);
      if (parseError) throw new FatalSourceError(`malformed XML: ${parseError.message}`);
      options.onProgress?.(bytes);
    }
    if (bytes === 0) throw new FatalSourceError('empty file');
    parser.close();
    if (parseError) throw new FatalSourceError(`malformed XML: ${parseError.message}`);
  } catch (error) {
    raw.destroy();
    if (error instanceof FatalSourceError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' || (error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') {
      throw new FatalSourceError(`corrupt gzip: ${(error as Error).message}`);
    }
    throw error;
  }
  if (!version) throw new FatalSourceError('no <lheo> root element');
  return version;
}

/** Helpers to read a subtree by LHEO element names. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name);
}
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  return node?.children.filter((c) => c.name === name) ?? [];
}
export function textOf(node: XmlNode | undefined): string | null {
  return node ? node.text : null;
}
/** Follows a path of element names: path(formation, 'action', 'lieu-de-formation'). */
export function path(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  let current = node;
  for (const name of names) current = child(current, name);
  return current;
}
