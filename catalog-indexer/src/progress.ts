// A single progress line on a terminal (records/s); silent when the output is a file or a pipe.
export interface Progress {
  tick: (records: number) => void;
  done: () => void;
}

export function progressLine(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { tick: () => {}, done: () => {} };
  const started = Date.now();
  let last = 0;
  let count = 0;
  const draw = () => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(count / seconds) : 0;
    stream.write(`\r\x1b[K${label}: ${count} records, ${rate} records/s`);
  };
  return {
    tick: (records) => {
      count = records;
      if (Date.now() - last < 200) return;
      last = Date.now();
      draw();
    },
    done: () => {
      draw();
      stream.write('\n');
    },
  };
}
