// Streams an LHEO file with saxes and hands over one <formation> subtree at a time, so memory
// stays bounded by the largest formation, never by the file.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { TextDecoder } from 'node:util';
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
  /** The attributes of <lheo> and of <offres> (horodatage-export…), before any formation. */
  onHeader?: (attrs: Record<string, string>) => void;
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
      options.onHeader?.(Object.fromEntries(Object.values(tag.attributes).flatMap((a) => (a.uri ? [] : [[a.local, a.value]]))));
      return;
    }
    // Foreign elements (other namespaces) are not LHEO: they are skipped with their content.
    if (tag.uri !== namespace && stack.length === 0) return;
    const attrs: Record<string, string> = {};
    for (const attr of Object.values(tag.attributes)) {
      if (!attr.uri) attrs[attr.local] = attr.value;
    }
    if (stack.length === 0) {
      if (tag.local === 'offres') options.onHeader?.(attrs);
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
  let decoder: TextDecoder | undefined;
  let bytes = 0;
  let previous: Buffer = Buffer.alloc(0);
  const undecodable = (chunk: Buffer, end: boolean) => {
    const at = invalidByte(decoder!.encoding, previous, chunk, end, bytes);
    const line = parser.line + countNewlines(chunk.subarray(0, Math.max(0, at - bytes)));
    return new FatalSourceError(
      `not ${decoder!.encoding.toUpperCase()} text: invalid byte sequence at byte ${at} (line ${line}); a file in another encoding must declare it (<?xml version="1.0" encoding="ISO-8859-1"?>)`,
    );
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      decoder ??= decoderFor(chunk);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw undecodable(chunk, false);
      }
      parser.write(text);
      if (parseError) throw new FatalSourceError(`malformed XML: ${parseError.message}`);
      bytes += chunk.length;
      previous = chunk;
      options.onProgress?.(bytes);
    }
    if (bytes === 0) throw new FatalSourceError('empty file');
    try {
      parser.write(decoder!.decode());
    } catch {
      throw undecodable(Buffer.alloc(0), true);
    }
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

/**
 * The decoder of a file, from its first bytes: a byte-order mark, else the encoding its XML
 * declaration names (ISO-8859-1, windows-1252…, as TextDecoder knows them), else UTF-8.
 */
function decoderFor(head: Buffer): TextDecoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true });
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true });
  const declared = /^(?:\xef\xbb\xbf)?<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head.subarray(0, 1024).toString('latin1'))?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8', { fatal: true });
  } catch {
    throw new FatalSourceError(`unsupported encoding "${declared}" in the XML declaration`);
  }
}

/** Where a chunk the decoder refused goes wrong, as an offset in the file (UTF-8: the first bad sequence). */
function invalidByte(encoding: string, previous: Buffer, chunk: Buffer, end: boolean, before: number): number {
  if (encoding !== 'utf-8') return before;
  // The decoder may hold the first bytes of a character from the previous chunk: start at the last character start.
  let start = previous.length;
  while (start > 0 && previous.length - start < 3 && (previous[start - 1]! & 0xc0) === 0x80) start -= 1;
  if (start > 0 && previous.length - start < 3 && previous[start - 1]! >= 0xc0) start -= 1;
  const bytes = Buffer.concat([previous.subarray(start), chunk]);
  const offset = before - (previous.length - start);
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i]!;
    const size = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (size === 0) return offset + i;
    const second = bytes[i + 1];
    if (size > 1 && second !== undefined) {
      const [low, high] = c === 0xe0 ? [0xa0, 0xbf] : c === 0xed ? [0x80, 0x9f] : c === 0xf0 ? [0x90, 0xbf] : c === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      if (second < low || second > high) return offset + i;
    }
    for (let k = 2; k < size; k++) if (bytes[i + k] !== undefined && (bytes[i + k]! & 0xc0) !== 0x80) return offset + i;
    if (i + size > bytes.length) return end ? offset + i : offset + bytes.length;
    i += size;
  }
  return offset + bytes.length;
}

function countNewlines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n += 1;
  return n;
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
