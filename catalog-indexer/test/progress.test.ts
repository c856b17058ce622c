import { describe, expect, it } from 'vitest';
import { progressLine } from '../src/progress.ts';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
}

describe('progressLine', () => {
  it('draws one line with records/s on a terminal, ending with a newline', () => {
    const { written, stream: out } = stream(true);
    const progress = progressLine('offres.xml', out);
    progress.tick(10);
    progress.done();
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the line is redrawn with ESC [K
    expect(written.at(-2)).toMatch(/^\r\x1b\[Koffres\.xml: 10 records, \d+ records\/s$/);
    expect(written.at(-1)).toBe('\n');
  });

  it('writes nothing when the output is not a terminal', () => {
    const { written, stream: out } = stream(false);
    const progress = progressLine('offres.xml', out);
    progress.tick(10);
    progress.done();
    expect(written).toEqual([]);
  });
});
