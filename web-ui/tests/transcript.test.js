import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseTranscript, roleOf, voiceTags } from '../src/lib/transcript.js';

// the real transcripts the repository carries (copied from the shared data set)
const dataDir = process.env.CC_DATA_DIR ?? resolve(__dirname, '../../server/src/test/resources/data');
const fixture = (name) => resolve(dataDir, 'transcripts', name);

describe('parseTranscript', () => {
  it('splits label lines and turn text, tolerating blank lines', () => {
    const { turns, stats } = parseTranscript('AI\n\n##VT_WARM## Hello there.\n\nUser\n\num hi <noise>\n\nAI\nBye.\n');
    expect(turns.map((t) => [t.speaker, t.role, t.raw_text])).toEqual([
      ['AI', 'ai', '##VT_WARM## Hello there.'],
      ['User', 'user', 'um hi <noise>'],
      ['AI', 'ai', 'Bye.'],
    ]);
    expect(turns[0].voice_tags).toEqual(['VT_WARM']);
    expect(turns[1].has_noise).toBe(true);
    expect(stats).toMatchObject({ total_turns: 3, ai_turns: 2, user_turns: 1, noise_turns: 1 });
  });

  it('accepts every speaker label, any case, with or without colon, and inline labels', () => {
    const { turns } = parseTranscript('assistant:\nA.\nHUMAN\nB.\nLumen\nC.\nCustomer: D.\n');
    expect(turns.map((t) => [t.role, t.raw_text])).toEqual([
      ['ai', 'A.'],
      ['user', 'B.'],
      ['ai', 'C.'],
      ['user', 'D.'],
    ]);
  });

  it('handles CRLF, multi-line turns and text directly after the label without blank line', () => {
    const { turns } = parseTranscript('User\r\nline one\r\nline two\r\nAI\r\nok');
    expect(turns).toHaveLength(2);
    expect(turns[0].raw_text).toBe('line one line two');
  });

  it('keeps an unlabeled opening with voice tags as AI, drops other unlabeled text', () => {
    expect(parseTranscript('\n\n##VT_X## Hi, Lumen here.\n\nUser\n\nHello.').turns[0]).toMatchObject({
      speaker: 'AI',
      role: 'ai',
      inferred_speaker: true,
    });
    const r = parseTranscript('stray text\nUser\nHello.');
    expect(r.turns).toHaveLength(1);
    expect(r.stats.unlabeled_dropped).toBe(1);
  });

  it('does not take a word that merely looks like a label inside text for a label', () => {
    const { turns } = parseTranscript('User\nI said hello\nOkay\nAI\nFine.');
    expect(turns[0].raw_text).toBe('I said hello Okay');
  });

  it('parses the real example transcripts the repository carries', () => {
    for (const name of ['examplescript1', 'examplescript2']) {
      expect(existsSync(fixture(name)), `transcript fixture ${fixture(name)}`).toBe(true);
      const { turns, stats } = parseTranscript(readFileSync(fixture(name), 'utf8'));
      expect(stats.total_turns).toBeGreaterThan(20);
      expect(stats.ai_turns + stats.user_turns).toBe(stats.total_turns);
      // Speakers alternate in these calls.
      for (let i = 1; i < turns.length; i++) expect(turns[i].role).not.toBe(turns[i - 1].role);
      expect(turns.some((t) => t.has_noise)).toBe(true);
      expect(turns.filter((t) => t.role === 'user').every((t) => t.voice_tags.length === 0)).toBe(true);
    }
  });
});

describe('helpers', () => {
  it('roleOf and voiceTags', () => {
    expect(roleOf(' Assistant ')).toBe('ai');
    expect(roleOf('prospect')).toBe('user');
    expect(roleOf('Narrator')).toBeNull();
    expect(voiceTags('##VT_A## x ##VT_B_C## y')).toEqual(['VT_A', 'VT_B_C']);
  });
});
