package io.cleanercontext.transcript;

import io.cleanercontext.contract.Speaker;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses raw call transcripts: a speaker label on its own line ({@code AI}, {@code User}, {@code
 * Assistant}, {@code Human}, {@code Customer}, {@code Lumen}, ...) followed by the turn's lines, or
 * {@code Label: text} on one line. Voice tags ({@code ##VT_...##}) are returned apart, noise
 * markers ({@code <noise>}) are flagged; the raw text itself is kept as spoken. Text before the
 * first label is kept as an AI turn when it carries voice tags (only the agent's speech has them;
 * recordings often start mid-greeting), marked {@code inferred}; otherwise it is dropped.
 */
public final class TranscriptParser {
  private static final Pattern VOICE_TAG = Pattern.compile("##(VT_[A-Z0-9_]+)##");
  private static final Pattern NOISE = Pattern.compile("<[a-z_]+>");
  private static final Pattern INLINE = Pattern.compile("^([A-Za-z]+)\\s*:\\s*(.+)$");

  /** One parsed turn. */
  public record ParsedTurn(
      String speaker,
      Speaker role,
      String rawText,
      List<String> voiceTags,
      boolean hasNoise,
      boolean inferred) {}

  private TranscriptParser() {}

  public static List<ParsedTurn> parse(String transcript) {
    List<ParsedTurn> turns = new ArrayList<>();
    String label = null;
    StringBuilder text = new StringBuilder();
    StringBuilder preamble = new StringBuilder();
    for (String rawLine : transcript.split("\\R")) {
      String line = rawLine.strip();
      if (line.isEmpty()) {
        continue;
      }
      String bare = line.endsWith(":") ? line.substring(0, line.length() - 1).strip() : line;
      Matcher inline = INLINE.matcher(line);
      if (label == null
          && preamble.length() > 0
          && (Speaker.fromLabel(bare).isPresent() || inline.matches())) {
        flushPreamble(turns, preamble);
      }
      if (Speaker.fromLabel(bare).isPresent()) {
        flush(turns, label, text);
        label = bare;
      } else if (inline.matches() && Speaker.fromLabel(inline.group(1)).isPresent()) {
        flush(turns, label, text);
        label = inline.group(1);
        text.append(inline.group(2).strip());
      } else {
        StringBuilder into = label != null ? text : preamble;
        if (into.length() > 0) {
          into.append(' ');
        }
        into.append(line);
      }
    }
    flush(turns, label, text);
    if (label == null) {
      flushPreamble(turns, preamble);
    }
    return turns;
  }

  private static void flushPreamble(List<ParsedTurn> turns, StringBuilder preamble) {
    if (VOICE_TAG.matcher(preamble).find()) {
      add(turns, "AI", preamble.toString(), true);
    }
    preamble.setLength(0);
  }

  private static void flush(List<ParsedTurn> turns, String label, StringBuilder text) {
    if (label != null && text.length() > 0) {
      add(turns, label, text.toString(), false);
    }
    text.setLength(0);
  }

  private static void add(List<ParsedTurn> turns, String label, String raw, boolean inferred) {
    List<String> tags = new ArrayList<>();
    Matcher m = VOICE_TAG.matcher(raw);
    while (m.find()) {
      tags.add(m.group(1));
    }
    turns.add(
        new ParsedTurn(
            label,
            Speaker.fromLabel(label).orElseThrow(),
            raw,
            tags,
            NOISE.matcher(raw).find(),
            inferred));
  }
}
