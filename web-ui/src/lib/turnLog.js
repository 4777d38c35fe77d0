// Ordered, de-duplicated store of a conversation's turns, keyed by seq.
// Deliveries may overlap (initial load, WebSocket replay after resume, polling);
// a turn is shown once per seq, and a final state (cleaned/skipped/failed) is
// never replaced by an older pending one.

export const FINAL = new Set(['cleaned', 'skipped', 'failed']);

export function isFinal(turn) {
  return !!turn && FINAL.has(turn.status);
}

export class TurnLog {
  constructor() {
    /** @type {Map<number, object>} */
    this.bySeq = new Map();
    this.duplicates = 0;
  }

  /**
   * Insert or update a turn. Returns 'added', 'updated' or 'duplicate'.
   * 'duplicate' means nothing changed (same seq already final, or same pending again).
   */
  upsert(turn) {
    const seq = Number(turn?.seq);
    if (!Number.isFinite(seq)) throw new Error('turn without seq');
    const prev = this.bySeq.get(seq);
    if (!prev) {
      this.bySeq.set(seq, turn);
      return 'added';
    }
    if (isFinal(prev) || (!isFinal(turn) && !isFinal(prev))) {
      // Already final, or pending again: keep what we have (replay/poll overlap).
      this.duplicates++;
      return 'duplicate';
    }
    this.bySeq.set(seq, turn);
    return 'updated';
  }

  get(seq) {
    return this.bySeq.get(seq);
  }

  get size() {
    return this.bySeq.size;
  }

  /** Turns in seq order. */
  list() {
    return [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  /**
   * The resume point: the highest seq such that every known turn up to it is
   * final and no seq is missing (seqs count from 1). Asking the server for seq > watermark re-delivers everything that
   * may still change, so nothing is missed; duplicates are dropped by upsert.
   */
  watermark() {
    let mark = 0;
    for (const t of this.list()) {
      if (t.seq <= mark) continue; // a seq 0, should a server number from 0
      if (t.seq !== mark + 1 || !isFinal(t)) break; // a gap or a turn still to change
      mark = t.seq;
    }
    return mark;
  }

  /** Highest seq known (any status). */
  maxSeq() {
    let m = 0;
    for (const s of this.bySeq.keys()) if (s > m) m = s;
    return m;
  }

  /** Seqs missing between the first known seq (or 1) and maxSeq(). */
  gaps() {
    const missing = [];
    const max = this.maxSeq();
    for (let s = 1; s <= max; s++) if (!this.bySeq.has(s)) missing.push(s);
    return missing;
  }

  clear() {
    this.bySeq.clear();
    this.duplicates = 0;
  }
}
