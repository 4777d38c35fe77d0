import { describe, it, expect } from 'vitest';
import { TurnLog } from '../src/lib/turnLog.js';

const t = (seq, status = 'cleaned', extra = {}) => ({ seq, status, turn_id: `t${seq}`, ...extra });

describe('TurnLog', () => {
  it('orders by seq whatever the arrival order', () => {
    const log = new TurnLog();
    [3, 1, 2].forEach((s) => log.upsert(t(s)));
    expect(log.list().map((x) => x.seq)).toEqual([1, 2, 3]);
  });

  it('drops duplicates and never lets pending overwrite a final turn', () => {
    const log = new TurnLog();
    expect(log.upsert(t(1, 'pending'))).toBe('added');
    expect(log.upsert(t(1, 'pending'))).toBe('duplicate');
    expect(log.upsert(t(1, 'cleaned', { cleaned_text: 'a' }))).toBe('updated');
    expect(log.upsert(t(1, 'cleaned', { cleaned_text: 'b' }))).toBe('duplicate');
    expect(log.upsert(t(1, 'pending'))).toBe('duplicate');
    expect(log.get(1).cleaned_text).toBe('a');
    expect(log.duplicates).toBe(3);
  });

  it('watermark stops before the first non-final turn', () => {
    const log = new TurnLog();
    expect(log.watermark()).toBe(0);
    log.upsert(t(1));
    log.upsert(t(2, 'skipped'));
    log.upsert(t(3, 'pending'));
    log.upsert(t(4, 'pending'));
    expect(log.watermark()).toBe(2);
    log.upsert(t(3, 'failed'));
    expect(log.watermark()).toBe(3);
  });

  it('reports gaps', () => {
    const log = new TurnLog();
    [1, 2, 5].forEach((s) => log.upsert(t(s)));
    expect(log.gaps()).toEqual([3, 4]);
    expect(log.maxSeq()).toBe(5);
  });
});

describe('TurnLog watermark with gaps', () => {
  it('stops at a missing seq', () => {
    const log = new TurnLog();
    [1, 2, 4].forEach((s) => log.upsert(t(s)));
    expect(log.watermark()).toBe(2);
  });
});
