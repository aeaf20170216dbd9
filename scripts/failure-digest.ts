// CI keeps only the end of the log, and a failed lane's own report can be thousands of lines above it, so
// `npm test` repeats what failed after its summary.
const ansi = /\u001b\[[0-9;]*m/g;
// Vitest's "FAIL  file > test" and "×" lines, Playwright's "✘" lines and its numbered "  1) [chromium] › …" reports.
const failureMarker = /^\s*(FAIL\s|×\s|✘\s|\d+\) \[)/;
const linesAfter = 6;
const tailWhenNothingNamed = 30;

/**
 * The lines of a failed step's output that name what failed, each with the few lines after it (the error);
 * the output's last lines when none does (a type error, a crash before any test ran).
 */
export function failureDigest(output: string, limit = 80): string[] {
  const lines = output.replace(ansi, '').split('\n');
  const picked = new Set<number>();
  lines.forEach((line, i) => {
    if (!failureMarker.test(line)) return;
    for (let j = i; j <= Math.min(lines.length - 1, i + linesAfter); j++) picked.add(j);
  });
  if (picked.size === 0) return lines.filter((line) => line.trim() !== '').slice(-tailWhenNothingNamed);
  const digest = [...picked].sort((a, b) => a - b).map((i) => lines[i]!);
  return digest.length > limit ? [...digest.slice(0, limit), `… and ${digest.length - limit} more lines in the step's output above`] : digest;
}
