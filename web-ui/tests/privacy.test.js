import { describe, expect, it } from 'vitest';
import { redactionSummary, spellingFromText, spellingProblemIndex, spellingToText } from '../src/lib/privacy.js';

describe('redactions', () => {
  it('counts them by type with a readable label', () => {
    const s = redactionSummary([
      { type: 'card', start: 0, end: 6 },
      { type: 'email', start: 10, end: 17 },
      { type: 'card', start: 20, end: 26 },
    ]);
    expect(s).toEqual([
      { type: 'card', label: 'card number', count: 2 },
      { type: 'email', label: 'e-mail', count: 1 },
    ]);
    expect(redactionSummary(undefined)).toEqual([]);
  });
});

describe('spelling rules as text', () => {
  it('round-trips rules and normalises spaces', () => {
    const rules = [{ from: ['hailee', 'haley'], to: 'Hailey' }, { from: ['cleaner context'], to: 'CleanerContext' }];
    const text = spellingToText(rules);
    expect(text).toBe('hailee, haley -> Hailey\ncleaner context -> CleanerContext');
    expect(spellingFromText(text + '\n\n')).toEqual({ rules, errors: [] });
    expect(spellingFromText('  new   york ,ny ->  New York ').rules).toEqual([{ from: ['new york', 'ny'], to: 'New York' }]);
  });

  it('names the lines it cannot read', () => {
    const { rules, errors } = spellingFromText('haley Hailey\n-> X\nok -> OK');
    expect(rules).toEqual([{ from: ['ok'], to: 'OK' }]);
    expect(errors.map((e) => e.line)).toEqual([1, 2]);
  });

  it("finds the rule a server problem names", () => {
    expect(spellingProblemIndex({ detail: 'spelling[3].from[1]: "haley" is already in [0]' })).toBe(3);
    expect(spellingProblemIndex({ detail: 'name is required' })).toBeNull();
    expect(spellingProblemIndex(undefined)).toBeNull();
  });
});
