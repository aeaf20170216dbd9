// A one-line spinner on stderr while `request --wait` and `login` wait — only on a terminal: in a pipeline
// or a test the output stays plain lines (a line each time the text changes).

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface Spinner {
  update(text: string): void;
  stop(): void;
}

export function startSpinner(text: string, stream: NodeJS.WriteStream = process.stderr): Spinner {
  let current = text;
  if (!stream.isTTY) {
    stream.write(`${current}\n`);
    return {
      update(next) {
        if (next !== current) stream.write(`${next}\n`);
        current = next;
      },
      stop() {},
    };
  }
  let frame = 0;
  const draw = () => stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${current}`);
  draw();
  const timer = setInterval(draw, 100);
  return {
    update(next) {
      current = next;
    },
    stop() {
      clearInterval(timer);
      stream.write('\r\x1b[2K');
    },
  };
}
