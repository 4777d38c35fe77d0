// Client-side parser of raw speech-to-text transcripts, used for the instant
// preview before a replay. Mirrors the server's POST /conversations/parse-transcript
// shape: {turns:[{speaker, role, raw_text, voice_tags, has_noise}], stats}.

/** Speaker labels per role (case-insensitive), as in the server's Speaker enum. */
export const AI_LABELS = ['ai', 'assistant', 'lumen', 'agent', 'bot'];
export const USER_LABELS = ['user', 'human', 'customer', 'caller', 'client', 'prospect'];

const VOICE_TAG = /##(VT_[A-Z0-9_]+)##/g;
const NOISE = /<noise>/i;
// A label alone on its line ("User", "AI:"), or a label followed by a colon and text ("User: hi").
const LABEL_LINE = /^\s*([A-Za-z]+)\s*:?\s*$/;
const INLINE_LABEL = /^\s*([A-Za-z]+)\s*:\s+(.+)$/;

/** The wire role of a speaker label, or null for a label no client uses. */
export function roleOf(label) {
  const l = String(label ?? '').trim().toLowerCase();
  if (AI_LABELS.includes(l)) return 'ai';
  if (USER_LABELS.includes(l)) return 'user';
  return null;
}

/** Voice tags (without the ## fences) found in a text, in order. */
export function voiceTags(text) {
  return [...String(text).matchAll(VOICE_TAG)].map((m) => m[1]);
}

/**
 * Parse a raw transcript. A turn is a label line followed by its text (up to the
 * next label line); blank lines separate nothing but are tolerated anywhere.
 * Text before the first label is kept only if it carries voice tags (then it is
 * the AI's greeting); otherwise it is counted in stats.unlabeled_dropped.
 */
export function parseTranscript(input) {
  const lines = String(input ?? '').replace(/\r\n?/g, '\n').split('\n');
  const blocks = [];
  let current = { speaker: null, lines: [] };
  const flush = () => {
    const text = current.lines.join(' ').replace(/[ \t]+/g, ' ').trim();
    if (text) blocks.push({ speaker: current.speaker, text });
  };
  for (const line of lines) {
    const label = LABEL_LINE.exec(line);
    if (label && roleOf(label[1])) {
      flush();
      current = { speaker: label[1], lines: [] };
      continue;
    }
    const inline = INLINE_LABEL.exec(line);
    if (inline && roleOf(inline[1])) {
      flush();
      current = { speaker: inline[1], lines: [inline[2]] };
      continue;
    }
    if (line.trim()) current.lines.push(line.trim());
  }
  flush();

  const turns = [];
  let unlabeledDropped = 0;
  for (const b of blocks) {
    const tags = voiceTags(b.text);
    let speaker = b.speaker;
    let inferred = false;
    if (!speaker) {
      if (tags.length === 0) {
        unlabeledDropped++;
        continue;
      }
      speaker = 'AI';
      inferred = true;
    }
    const turn = {
      speaker,
      role: roleOf(speaker),
      raw_text: b.text,
      voice_tags: tags,
      has_noise: NOISE.test(b.text),
    };
    if (inferred) turn.inferred_speaker = true;
    turns.push(turn);
  }
  return {
    turns,
    stats: {
      total_turns: turns.length,
      ai_turns: turns.filter((t) => t.role === 'ai').length,
      user_turns: turns.filter((t) => t.role === 'user').length,
      noise_turns: turns.filter((t) => t.has_noise).length,
      unlabeled_dropped: unlabeledDropped,
    },
  };
}
