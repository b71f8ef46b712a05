/**
 * Asked before a full run of a process that reads its own documents: it takes all of them, not a test
 * run's first few, and its writes are real. (A run with documents passed by hand asks for them instead.)
 */
export function confirmFullRun(processName?: string): boolean {
  const which = processName ? `"${processName}"` : 'this process';
  return window.confirm(
    `Run ${which} in full? It takes every document its start reads, and its writes are real.`,
  );
}
