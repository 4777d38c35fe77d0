import { describe, it, expect } from 'vitest';
import { highlightCorrections, correctionTitle, tokenizeMarkers, narrowCorrection } from '../src/lib/highlight.js';

describe('highlightCorrections', () => {
  it('marks each corrected phrase in the cleaned text', () => {
    const corrections = [
      { original: 'vector', corrected: 'Director', confidence: 0.9, reason: 'context: title' },
      { original: 'Google adds', corrected: 'Google Ads', confidence: 0.8, reason: 'lexicon' },
    ];
    const { segments, unmatched } = highlightCorrections("I'm the Director of Marketing, we use Google Ads.", corrections);
    expect(segments.map((s) => s.text).join('')).toBe("I'm the Director of Marketing, we use Google Ads.");
    expect(segments.filter((s) => s.correction).map((s) => s.text)).toEqual(['Director', 'Ads']);
    expect(unmatched).toEqual([]);
  });

  it('marks originals in the raw text when asked', () => {
    const { segments } = highlightCorrections("I'm the vector of marketing", [{ original: 'vector', corrected: 'Director' }], 'original');
    expect(segments.find((s) => s.correction).text).toBe('vector');
  });

  it('matches repeated words left to right without overlap', () => {
    const c = [
      { original: 'teh', corrected: 'the' },
      { original: 'teh', corrected: 'the' },
    ];
    const { segments } = highlightCorrections('the cat and the dog', c);
    const marked = segments.filter((s) => s.correction);
    expect(marked).toHaveLength(2);
    expect(segments.map((s) => s.text)).toEqual(['the', ' cat and ', 'the', ' dog']);
  });

  it('falls back to a case-insensitive match', () => {
    const { segments } = highlightCorrections('Director of marketing', [{ original: 'vector', corrected: 'director' }]);
    expect(segments[0]).toMatchObject({ text: 'Director' });
    expect(segments[0].correction).toBeDefined();
  });

  it('returns removals and unfound corrections as unmatched', () => {
    const c = [
      { original: 'um', corrected: '', reason: 'filler' },
      { original: 'x', corrected: 'nowhere' },
    ];
    const { segments, unmatched } = highlightCorrections('Hello there', c);
    expect(segments).toEqual([{ text: 'Hello there' }]);
    expect(unmatched).toHaveLength(2);
  });

  it('handles empty input', () => {
    expect(highlightCorrections('', undefined).segments).toEqual([]);
  });
});

describe('correctionTitle', () => {
  it('states the change, reason and confidence', () => {
    expect(correctionTitle({ original: 'adds', corrected: 'Ads', reason: 'lexicon', confidence: 0.875 })).toBe(
      '"adds" → "Ads"\nreason: lexicon\nconfidence: 0.88',
    );
    expect(correctionTitle({ original: 'a', corrected: 'b', confidence: 'HIGH' })).toContain('confidence: HIGH');
  });
});

describe('tokenizeMarkers', () => {
  it('separates voice tags and noise markers from text', () => {
    expect(tokenizeMarkers('##VT_WARM## Hi <noise> there')).toEqual([
      { kind: 'tag', text: 'VT_WARM' },
      { kind: 'text', text: ' Hi ' },
      { kind: 'noise', text: '<noise>' },
      { kind: 'text', text: ' there' },
    ]);
  });
});

describe('narrowCorrection', () => {
  it('highlights only the changed words of a whole-turn correction', () => {
    const c = { original: 'we use Google adds <noise>', corrected: 'we use Google Ads', reason: 'lexicon', confidence: 'HIGH' };
    const { segments } = highlightCorrections('we use Google Ads', [c]);
    expect(segments.find((s) => s.correction).text).toBe('Ads');
    const raw = highlightCorrections('we use Google adds <noise>', [c], 'original').segments;
    expect(raw.find((s) => s.correction).text).toBe('adds <noise>');
  });

  it('treats a pure removal as unmatched in the cleaned text but marks it in the raw text', () => {
    const c = { original: 'Mostly PPC on Google.C on Google. <noise>', corrected: 'Mostly PPC on Google.C on Google.' };
    expect(highlightCorrections('Mostly PPC on Google.C on Google.', [c]).unmatched).toHaveLength(1);
    const raw = highlightCorrections('Mostly PPC on Google.C on Google. <noise>', [c], 'original').segments;
    expect(raw.find((s) => s.correction).text).toBe('<noise>');
  });

  it('keeps a correction without shared words as is', () => {
    const c = { original: 'vector', corrected: 'Director' };
    expect(narrowCorrection(c)).toBe(c);
  });
});
