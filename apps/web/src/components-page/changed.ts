const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
];

/**
 * When a component last changed, as people say it ("5 minutes ago", "yesterday"); past a week, the
 * date itself, which then reads better than "5 weeks ago".
 */
export function changedAgo(at: string, now = Date.now()): string {
  const then = new Date(at);
  let amount = (then.getTime() - now) / 1000;
  if (amount > -10) return 'just now';
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
    amount /= size;
  }
  return then.toLocaleDateString();
}
