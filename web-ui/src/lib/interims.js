// What each speaker is saying right now, from `turn.interim` events (a voice pipeline's partial
// results, never stored): one greyed "typing" line per speaker, replaced by the next partial of
// that speaker, removed when that speaker's final turn arrives (the cleaned turn takes its place)
// or when it has had no news for `ttlMs`. Pure state with the clock passed in, so the view owns
// the timer and the tests own the time.

export const INTERIM_TTL_MS = 4000;

export class InterimLines {
  /** @param {number} [ttlMs] how long a line stays without news */
  constructor(ttlMs = INTERIM_TTL_MS) {
    this.ttlMs = ttlMs;
    this.bySpeaker = new Map();
  }

  /**
   * A partial result: the speaker's line now says its text. An empty text clears the line.
   * @returns {boolean} whether the lines changed
   */
  show(event, now) {
    const speaker = event?.speaker;
    if (typeof speaker !== 'string' || !speaker) return false;
    const text = typeof event.text === 'string' ? event.text.trim() : '';
    if (!text) return this.bySpeaker.delete(speaker);
    const line = this.bySpeaker.get(speaker);
    this.bySpeaker.set(speaker, {
      speaker,
      role: event.role ?? line?.role ?? 'user',
      text,
      since: line?.since ?? now,
      at: now,
    });
    return true;
  }

  /**
   * A final turn arrived: its speaker's line gives way to it.
   * @returns {boolean} whether the lines changed
   */
  finalize(turn) {
    return typeof turn?.speaker === 'string' && this.bySpeaker.delete(turn.speaker);
  }

  /**
   * Removes the lines without news for the time to live.
   * @returns {boolean} whether the lines changed
   */
  expire(now) {
    let changed = false;
    for (const [speaker, line] of this.bySpeaker) {
      if (now - line.at >= this.ttlMs) {
        this.bySpeaker.delete(speaker);
        changed = true;
      }
    }
    return changed;
  }

  /** When the next line expires, or null with none. */
  nextExpiry() {
    let next = null;
    for (const line of this.bySpeaker.values()) {
      const at = line.at + this.ttlMs;
      if (next === null || at < next) next = at;
    }
    return next;
  }

  /** The lines, the one speaking longest first. */
  list() {
    return [...this.bySpeaker.values()].sort((a, b) => a.since - b.since);
  }

  clear() {
    this.bySpeaker.clear();
  }
}
