// Turns a text plus the cleaner's corrections into display segments, so the
// dashboard can highlight each correction with its reason and confidence.

/**
 * Split `text` into segments [{text, correction?}] where each correction's
 * `field` value ('corrected' for cleaned text, 'original' for raw text) is found.
 * Corrections are matched in order, left to right, without overlaps; an exact
 * match is preferred, then a case-insensitive one. Corrections whose value is
 * empty (pure removals) or not found are returned in `unmatched`.
 */
export function highlightCorrections(text, corrections, field = 'corrected') {
  corrections = (corrections ?? []).map(narrowCorrection);
  const src = String(text ?? '');
  const ranges = [];
  const unmatched = [];
  let cursor = 0;
  const overlaps = (s, e) => ranges.some((r) => s < r.end && e > r.start);
  const isWord = (ch) => ch !== undefined && /[\p{L}\p{N}_']/u.test(ch);
  // A fragment that starts (ends) with a word character must not start (end) inside a word:
  // the echo "C on Google." of "Mostly PPC on Google.C on Google." is the second one.
  const bounded = (i, needle) =>
    (!isWord(needle[0]) || !isWord(src[i - 1])) && (!isWord(needle[needle.length - 1]) || !isWord(src[i + needle.length]));
  const find = (needle, from, fold, whole) => {
    const hay = fold ? src.toLowerCase() : src;
    const n = fold ? needle.toLowerCase() : needle;
    let i = hay.indexOf(n, from);
    while (i !== -1 && (overlaps(i, i + n.length) || (whole && !bounded(i, needle)))) i = hay.indexOf(n, i + 1);
    return i;
  };
  for (const c of corrections) {
    const needle = String(c?.[field] ?? '');
    if (!needle.trim()) {
      unmatched.push(c);
      continue;
    }
    // Whole-word matches first (from the cursor, then anywhere: the cleaner lists corrections
    // by pipeline stage, not by position), exact before case-insensitive; then any substring.
    let at = -1;
    for (const [from, fold, whole] of [
      [cursor, false, true], [cursor, true, true], [0, false, true], [0, true, true],
      [cursor, false, false], [cursor, true, false], [0, false, false], [0, true, false],
    ]) {
      at = find(needle, from, fold, whole);
      if (at !== -1) break;
    }
    if (at === -1) {
      unmatched.push(c);
      continue;
    }
    ranges.push({ start: at, end: at + needle.length, correction: c });
    cursor = at + needle.length;
  }
  ranges.sort((a, b) => a.start - b.start);
  const segments = [];
  let pos = 0;
  for (const r of ranges) {
    if (r.start > pos) segments.push({ text: src.slice(pos, r.start) });
    segments.push({ text: src.slice(r.start, r.end), correction: r.correction });
    pos = r.end;
  }
  if (pos < src.length) segments.push({ text: src.slice(pos) });
  return { segments, unmatched };
}

/** Tooltip text for a correction. */
export function correctionTitle(c) {
  const parts = [];
  if (c.original !== undefined && c.corrected !== undefined) {
    parts.push(`"${c.original}" → "${c.corrected}"`);
  }
  if (c.reason) parts.push(`reason: ${c.reason}`);
  if (c.confidence !== undefined && c.confidence !== null) {
    const conf = typeof c.confidence === 'number' ? c.confidence.toFixed(2) : c.confidence;
    parts.push(`confidence: ${conf}`);
  }
  return parts.join('\n');
}

/**
 * Split raw text into plain, voice-tag and noise-marker tokens so AI voice tags
 * and <noise> markers can be shown muted: [{kind:'text'|'tag'|'noise', text}].
 */
export function tokenizeMarkers(text) {
  const src = String(text ?? '');
  const re = /##(VT_[A-Z0-9_]+)##|<noise>/gi;
  const out = [];
  let pos = 0;
  for (const m of src.matchAll(re)) {
    if (m.index > pos) out.push({ kind: 'text', text: src.slice(pos, m.index) });
    out.push(m[1] ? { kind: 'tag', text: m[1] } : { kind: 'noise', text: m[0] });
    pos = m.index + m[0].length;
  }
  if (pos < src.length) out.push({ kind: 'text', text: src.slice(pos) });
  return out;
}

/**
 * Narrow a correction to the words that changed: a cleaner may report a whole
 * turn as one correction ("... Google adds <noise>" -> "... Google adds"), which
 * would highlight everything. Common leading and trailing words are dropped from
 * both sides; what is left is highlighted (an empty side is a pure removal or
 * insertion). The full correction stays available as `whole`.
 */
export function narrowCorrection(c) {
  if (!c) return c;
  const o = String(c.original ?? '').trim().split(/\s+/).filter(Boolean);
  const n = String(c.corrected ?? '').trim().split(/\s+/).filter(Boolean);
  let head = 0;
  while (head < o.length && head < n.length && o[head] === n[head]) head++;
  let tail = 0;
  while (tail < o.length - head && tail < n.length - head && o[o.length - 1 - tail] === n[n.length - 1 - tail]) tail++;
  if (head === 0 && tail === 0) return c;
  return {
    ...c,
    original: o.slice(head, o.length - tail).join(' '),
    corrected: n.slice(head, n.length - tail).join(' '),
    whole: { original: c.original, corrected: c.corrected },
  };
}
