import { describe, it, expect } from 'vitest';
import { backoffDelay } from '../src/lib/backoff.js';

describe('backoffDelay', () => {
  it('doubles from the base and caps at max', () => {
    const d = (n) => backoffDelay(n, { baseMs: 100, maxMs: 1000, jitter: 0 });
    expect([1, 2, 3, 4, 5, 6].map(d)).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
  it('applies bounded jitter', () => {
    expect(backoffDelay(3, { baseMs: 100, jitter: 0.5, random: () => 0 })).toBe(200);
    expect(backoffDelay(3, { baseMs: 100, jitter: 0.5, random: () => 1 })).toBe(600);
  });
  it('treats attempt < 1 as the first', () => {
    expect(backoffDelay(0, { baseMs: 50, jitter: 0 })).toBe(50);
  });
});
