// Streams a certifier feed of the Caisse des Dépôts (schema urn:cdc:cpf:pc5:schema:1.0.0) with
// saxes and hands over one <passageCertification> at a time with its <certification> and
// <certificateur>: memory stays bounded by one record, never by the file (a passage is dropped
// from the tree as soon as it is handed over).
import fs from 'node:fs';
import { SaxesParser } from 'saxes';

export const FEED_NAMESPACE = 'urn:cdc:cpf:pc5:schema:1.0.0';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** An element with the line it starts on (for reports); `nil` when xsi:nil="true". */
export interface FeedNode {
  name: string;
  line: number;
  text: string;
  nil: boolean;
  children: FeedNode[];
  parent: FeedNode | null;
}

/** The whole file is unusable (not XML, truncated, another schema): nothing of it is imported. */
export class FatalFeedError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export interface PassageContext {
  passage: FeedNode;
  certification: FeedNode | undefined;
  certificateur: FeedNode | undefined;
}

export async function streamPassages(file: string, onPassage: (found: PassageContext) => void): Promise<void> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let root: FeedNode | undefined;
  let open: FeedNode | undefined;
  let parseError: Error | undefined;
  let errorLine = 0;

  parser.on('error', (error) => {
    if (!parseError) errorLine = parser.line;
    parseError ??= error;
  });
  parser.on('opentag', (tag) => {
    if (!root) {
      if (tag.local !== 'flux' || tag.uri !== FEED_NAMESPACE) {
        throw new FatalFeedError(
          `not a certification feed: root element <${tag.name}> in namespace "${tag.uri}" (expected <flux> in ${FEED_NAMESPACE})`,
          parser.line,
        );
      }
    }
    const nil = Object.values(tag.attributes).some((a) => a.uri === XSI && a.local === 'nil' && a.value.trim() === 'true');
    const node: FeedNode = { name: tag.local, line: parser.line, text: '', nil, children: [], parent: open ?? null };
    // Elements of other namespaces (extensions) are kept apart: they never shadow feed elements.
    if (tag.uri !== FEED_NAMESPACE) node.name = `{${tag.uri}}${tag.local}`;
    open?.children.push(node);
    root ??= node;
    open = node;
  });
  const onText = (text: string) => {
    if (open) open.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const node = open;
    if (!node) return;
    open = node.parent ?? undefined;
    if (node.name !== 'passageCertification') return;
    const ancestor = (name: string) => {
      for (let n = node.parent; n; n = n.parent) if (n.name === name) return n;
      return undefined;
    };
    onPassage({ passage: node, certification: ancestor('certification'), certificateur: ancestor('certificateur') });
    if (node.parent) node.parent.children = node.parent.children.filter((c) => c !== node);
  });

  const raw = fs.createReadStream(file);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  try {
    for await (const chunk of raw as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new FatalFeedError(`not UTF-8 text (invalid byte sequence after about ${bytes - chunk.length} bytes)`, parser.line);
      }
      parser.write(text);
      if (parseError) throw new FatalFeedError(`malformed XML: ${parseError.message}`, errorLine);
    }
    if (bytes === 0) throw new FatalFeedError('empty file', 0);
    parser.close();
    if (parseError) throw new FatalFeedError(`truncated or malformed XML: ${(parseError as Error).message}`, errorLine);
  } catch (error) {
    if (error instanceof FatalFeedError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new FatalFeedError(`cannot read the file (${code})`, 0);
    throw error;
  } finally {
    raw.destroy();
  }
  if (!root) throw new FatalFeedError('no <flux> root element', 0);
}

export const childOf = (node: FeedNode | undefined, name: string) => node?.children.find((c) => c.name === name);

/** Trimmed text of a direct child; null when absent, empty or xsi:nil. */
export function textOf(node: FeedNode | undefined, name: string): string | null {
  const found = childOf(node, name);
  if (!found || found.nil) return null;
  const text = found.text.trim();
  return text === '' ? null : text;
}
