// The keyterms editor's logic, without the DOM: a draft list the user edits, then saves with
// PUT /conversations/{id}/keyterms. The server is the authority on the rules (it trims, drops
// duplicates ignoring case and answers 400 naming `keyterms[i]`); the draft only mirrors the
// normalisation so that what the user sees is what the server will store.

/** Trimmed, inner runs of whitespace one space (as the server stores a keyterm). */
export function normalizeKeyterm(s) {
  return String(s ?? '').trim().split(/\s+/u).filter(Boolean).join(' ');
}

/** The server's "same term": ignoring case. */
const caseless = (s) => s.toUpperCase().toLowerCase();

/** The list without repeats ignoring case, first spelling kept, in order; blanks dropped. */
export function dedupeKeyterms(list) {
  const seen = new Set();
  const out = [];
  for (const raw of list) {
    const term = normalizeKeyterm(raw);
    if (!term || seen.has(caseless(term))) continue;
    seen.add(caseless(term));
    out.push(term);
  }
  return out;
}

/**
 * Adds what was typed (one keyterm, or several on separate lines) to the draft.
 * Returns { list, added, duplicates }: the new draft, the terms added and those already there.
 */
export function addKeyterms(list, input) {
  const terms = String(input ?? '').split(/\r?\n/).map(normalizeKeyterm).filter(Boolean);
  const seen = new Set(list.map(caseless));
  const added = [];
  const duplicates = [];
  for (const term of terms) {
    if (seen.has(caseless(term))) {
      duplicates.push(term);
    } else {
      seen.add(caseless(term));
      added.push(term);
    }
  }
  return { list: [...list, ...added], added, duplicates };
}

/** The draft without the entry at index i. */
export function removeKeyterm(list, i) {
  return list.filter((_, j) => j !== i);
}

/** A whole new draft from text with one keyterm per line (the "replace all" box). */
export function keytermsFromText(text) {
  return dedupeKeyterms(String(text ?? '').split(/\r?\n/));
}

/** The draft as text, one keyterm per line. */
export function keytermsToText(list) {
  return list.join('\n');
}

/** Whether the draft differs from what the server has (order counts: the first spelling wins). */
export function keytermsChanged(saved, draft) {
  return saved.length !== draft.length || saved.some((t, i) => t !== draft[i]);
}

/**
 * The entry a problem (application/problem+json) names, e.g. field "keyterms[3]" -> 3; null when
 * it names the list as a whole or no entry.
 */
export function problemIndex(problem) {
  const m = /^keyterms\[(\d+)\]$/.exec(problem?.field ?? '');
  return m ? Number(m[1]) : null;
}
