import { describe, it, expect } from 'vitest';
import {
  normalizeKeyterm,
  dedupeKeyterms,
  addKeyterms,
  removeKeyterm,
  keytermsFromText,
  keytermsToText,
  keytermsChanged,
  problemIndex,
} from '../src/lib/keyterms.js';

describe('keyterms editor logic', () => {
  it('normalises like the server: trimmed, inner whitespace one space', () => {
    expect(normalizeKeyterm('  Quick \t Fit   Windows ')).toBe('Quick Fit Windows');
    expect(normalizeKeyterm('   ')).toBe('');
    expect(normalizeKeyterm(undefined)).toBe('');
  });

  it('drops repeats ignoring case, keeping the first spelling and the order', () => {
    expect(dedupeKeyterms(['HubSpot', 'Copperleaf', 'hubspot', ' COPPERLEAF ', '', 'Acme'])).toEqual(['HubSpot', 'Copperleaf', 'Acme']);
  });

  it('adds one term or several lines, reporting those already there', () => {
    const r = addKeyterms(['HubSpot'], '  Copperleaf  ');
    expect(r).toEqual({ list: ['HubSpot', 'Copperleaf'], added: ['Copperleaf'], duplicates: [] });
    const many = addKeyterms(r.list, 'hubspot\nSalesforce\n\nsalesforce\r\nGoogle Ads');
    expect(many.list).toEqual(['HubSpot', 'Copperleaf', 'Salesforce', 'Google Ads']);
    expect(many.added).toEqual(['Salesforce', 'Google Ads']);
    expect(many.duplicates).toEqual(['hubspot', 'salesforce']);
    expect(addKeyterms(['A'], '   ').list).toEqual(['A']);
  });

  it('removes by index and leaves the input list untouched', () => {
    const list = ['a', 'b', 'c'];
    expect(removeKeyterm(list, 1)).toEqual(['a', 'c']);
    expect(removeKeyterm(list, 5)).toEqual(['a', 'b', 'c']);
    expect(list).toEqual(['a', 'b', 'c']);
  });

  it('replaces all from one term per line, and back to text', () => {
    expect(keytermsFromText(' Copperleaf \n\nHubSpot\ncopperleaf\n')).toEqual(['Copperleaf', 'HubSpot']);
    expect(keytermsToText(['Copperleaf', 'HubSpot'])).toBe('Copperleaf\nHubSpot');
    expect(keytermsFromText(keytermsToText(['x y', 'z']))).toEqual(['x y', 'z']);
  });

  it('knows when the draft differs from what is saved (order included)', () => {
    expect(keytermsChanged(['a', 'b'], ['a', 'b'])).toBe(false);
    expect(keytermsChanged(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(keytermsChanged(['a'], ['a', 'b'])).toBe(true);
    expect(keytermsChanged([], [])).toBe(false);
  });

  it('finds the entry a 400 problem names', () => {
    expect(problemIndex({ field: 'keyterms[3]', detail: 'keyterms[3] has 7 words; the limit is 6' })).toBe(3);
    expect(problemIndex({ field: 'keyterms' })).toBeNull();
    expect(problemIndex({ field: 'name' })).toBeNull();
    expect(problemIndex(undefined)).toBeNull();
  });
});
