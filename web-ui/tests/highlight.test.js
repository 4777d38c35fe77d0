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

  it('places fragment corrections of the real engine (listed by pipeline stage) on whole words', () => {
    // GET /conversations/{id}/turns of the real server, corrections in the order it lists them.
    const raw = "Um so I'm the the vector of marketing <noise> and we run Google adds. Mostly PPC on Google.C on Google.";
    const cleaned = "So I'm the vector of marketing and we run Google Ads. Mostly PPC on Google.";
    const c = [
      { reason: 'noise_tag', original: '<noise>', corrected: '', confidence: 'HIGH' },
      { reason: 'echo', original: 'C on Google.', corrected: '', confidence: 'HIGH' },
      { reason: 'stutter', original: 'the the', corrected: 'the', confidence: 'HIGH' },
      { reason: 'filler', original: 'Um', corrected: '', confidence: 'HIGH' },
      { reason: 'sound_alike_term', original: 'Google adds', corrected: 'Google Ads', confidence: 'HIGH' },
    ];
    const r = highlightCorrections(raw, c, 'original');
    expect(r.segments.map((s) => s.text).join('')).toBe(raw);
    expect(r.segments.filter((s) => s.correction).map((s) => s.text)).toEqual(['Um', 'the', '<noise>', 'adds', 'C on Google.']);
    // The echo is the trailing fragment, not the tail of "PPC on Google."
    const echo = r.segments.findIndex((s) => s.correction?.reason === 'echo');
    expect(r.segments.slice(0, echo).map((s) => s.text).join('')).toBe('Um so I\'m the the vector of marketing <noise> and we run Google adds. Mostly PPC on Google.');
    const k = highlightCorrections(cleaned, c, 'corrected');
    expect(k.segments.filter((s) => s.correction).map((s) => s.text)).toEqual(['Ads']);
    expect(k.unmatched.map((u) => u.reason)).toEqual(['noise_tag', 'echo', 'stutter', 'filler']);
  });

  it('does not mark a word inside another word', () => {
    const { segments } = highlightCorrections('the other theme, then the end', [{ original: 'teh', corrected: 'the' }]);
    expect(segments.map((s) => s.text)).toEqual(['the', ' other theme, then the end']);
    const { segments: s2 } = highlightCorrections('another one: the end', [{ original: 'teh', corrected: 'the' }]);
    expect(s2.find((s) => s.correction)).toBeDefined();
    expect(s2.map((s) => s.text)).toEqual(['another one: ', 'the', ' end']);
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
