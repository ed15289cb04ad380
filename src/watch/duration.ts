import { UsageError } from '../core/types.js';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "90s", "15m", "24h", "7d", "2w" (or a combination like "1h30m") → milliseconds. */
export function parseDuration(text: string): number {
  const trimmed = text.trim().toLowerCase();
  const parts = [...trimmed.matchAll(/(\d+)\s*([smhdw])/g)];
  const total = parts.reduce((sum, [, n, unit]) => sum + Number(n) * (UNIT_MS[unit ?? ''] ?? 0), 0);
  if (!parts.length || parts.map((p) => p[0]).join('') !== trimmed.replace(/\s+/g, '') || total <= 0) {
    throw new UsageError(`bad duration "${text}" (examples: 30m, 24h, 7d)`);
  }
  return total;
}

export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit] ?? 1;
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${Math.round(ms / 1000)}s`;
}
