import { describe, it, expect } from 'vitest';
import { urlProblem, deliveryStatus, summarize, canResend, attemptLine, endpointHealth } from '../src/lib/webhooks.js';

describe('webhook endpoints in the dashboard', () => {
  it('checks the URL as typed', () => {
    expect(urlProblem('')).toMatch(/Enter the URL/);
    expect(urlProblem('example.com/hook')).toMatch(/Not a URL/);
    expect(urlProblem('ftp://example.com/hook')).toMatch(/Only http and https/);
    expect(urlProblem('https://user:pw@example.com/hook')).toMatch(/credentials/);
    expect(urlProblem('https://example.com/hook#x')).toMatch(/fragment/);
    expect(urlProblem(' https://example.com/hooks/cc?x=1 ')).toBeNull();
  });

  it('tells delivered, retrying, dead letters and pending apart', () => {
    expect(deliveryStatus({ state: 'delivered', attempts: 1 }).key).toBe('delivered');
    expect(deliveryStatus({ state: 'dead', attempts: 14 }).key).toBe('dead');
    expect(deliveryStatus({ state: 'pending', attempts: 0 }).key).toBe('pending');
    const retrying = deliveryStatus({ state: 'pending', attempts: 2, next_attempt_at: '2026-12-06T10:00:05Z' });
    expect(retrying.key).toBe('retrying');
    expect(retrying.label).toMatch(/^Retrying \(attempt 3 due \d\d:\d\d:\d\d\)$/);
    // Resent by hand: due at the resend itself, not yet gone out; a failed resend retries later.
    const resent = { state: 'pending', attempts: 1, retry_from: '2026-12-06T10:00:00.123Z', next_attempt_at: '2026-12-06T10:00:00.123Z' };
    expect(deliveryStatus(resent)).toEqual({ key: 'pending', label: 'Resending' });
    expect(deliveryStatus({ ...resent, attempts: 2, next_attempt_at: '2026-12-06T10:00:05.500Z' }).key).toBe('retrying');
    expect(summarize([{ state: 'delivered' }, { state: 'dead' }, { state: 'pending', attempts: 1 }, { state: 'delivered' }])).toEqual({
      delivered: 2,
      retrying: 1,
      dead: 1,
      pending: 0,
    });
  });

  it('offers a resend only once a delivery is no longer pending', () => {
    expect(canResend({ state: 'dead' })).toBe(true);
    expect(canResend({ state: 'delivered' })).toBe(true);
    expect(canResend({ state: 'pending' })).toBe(false);
  });

  it('writes an attempt and an endpoint health in words', () => {
    expect(attemptLine({ attempt: 2, status: 500, latency_ms: 12, attempted_at: '2026-12-06T10:00:00Z' })).toMatch(/^#2 \d\d:\d\d:\d\d · HTTP 500 · 12 ms$/);
    expect(attemptLine({ attempt: 1, status: null, error: 'timeout', latency_ms: 10000 })).toBe('#1 – · timeout · 10000 ms');
    expect(endpointHealth({ enabled: false, disabled_reason: 'failing for 3 days' }).label).toBe('Disabled: failing for 3 days');
    expect(endpointHealth({ enabled: true, failing_since: '2026-12-06T10:00:00Z' }).key).toBe('failing');
    expect(endpointHealth({ enabled: true }).key).toBe('ok');
  });
});
