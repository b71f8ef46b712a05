import { Empty } from './status.js';

export function ExecutionsPage() {
  return (
    <section aria-labelledby="executions-title">
      <h1 id="executions-title">Executions</h1>
      <Empty>No execution yet. Runs of your processes will be listed here.</Empty>
    </section>
  );
}
