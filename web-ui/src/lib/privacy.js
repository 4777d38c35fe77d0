// Privacy in the dashboard: the redactions a turn's metadata records (type and position in the
// cleaned text, never the value) and the conversation's custom spelling rules, edited as text.

const LABELS = {
  card: 'card number',
  cvc: 'security code',
  expiry: 'expiry date',
  bank_account: 'bank account',
  sort_code: 'sort code',
  email: 'e-mail',
  phone: 'phone number',
  ssn: 'SSN',
  nino: 'NI number',
  dob: 'date of birth',
};

/** A redaction type's name for people, e.g. 'card' -> 'card number'. */
export function redactionLabel(type) {
  return LABELS[type] ?? String(type);
}

/** Counts by type, in order of first appearance: [{type, label, count}]. */
export function redactionSummary(redactions) {
  const counts = new Map();
  for (const r of redactions ?? []) {
    if (!r || typeof r.type !== 'string') continue;
    counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  }
  return [...counts].map(([type, count]) => ({ type, label: redactionLabel(type), count }));
}

/** Rules as text, one per line: "hailee, haley -> Hailey". */
export function spellingToText(rules) {
  return (rules ?? []).map((r) => `${(r.from ?? []).join(', ')} -> ${r.to ?? ''}`).join('\n');
}

/**
 * Parses the text form back into rules; blank lines are skipped. A line without "->" or with an
 * empty side is returned in `errors` as {line, message} (1-based), and left out of `rules`.
 */
export function spellingFromText(text) {
  const rules = [];
  const errors = [];
  String(text ?? '')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line) return;
      const arrow = line.lastIndexOf('->');
      if (arrow < 0) {
        errors.push({ line: i + 1, message: 'needs "->" between the heard forms and the spelling' });
        return;
      }
      const from = line
        .slice(0, arrow)
        .split(',')
        .map((s) => s.trim().replace(/\s+/g, ' '))
        .filter(Boolean);
      const to = line.slice(arrow + 2).trim().replace(/\s+/g, ' ');
      if (!from.length || !to) {
        errors.push({ line: i + 1, message: 'needs heard forms before "->" and a spelling after it' });
        return;
      }
      rules.push({ from, to });
    });
  return { rules, errors };
}

/** The rule index a server problem names ("spelling[3].from[1]: ..."), or null. */
export function spellingProblemIndex(problem) {
  const m = /^spelling\[(\d+)\]/.exec(String(problem?.detail ?? ''));
  return m ? Number(m[1]) : null;
}
