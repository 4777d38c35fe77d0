package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes non-speech markers the STT engine inserts: {@code <noise>}, {@code <unk>}, {@code
 * [laughter]}, {@code (inaudible)}. Angle-bracket tags are always markup; bracketed words only when
 * they name a known non-speech event, so that a user's own "(well)" is never lost.
 */
final class NoiseTagStage implements TextStage {

  private static final String EVENTS =
      String.join("|", WordList.load("/cleaning/noise-events.txt"));
  private static final Pattern TAG =
      Pattern.compile(
          "<\\s*/?\\s*[A-Za-z_][A-Za-z0-9_\\-]{0,30}\\s*/?\\s*>"
              + "|\\[\\s*(?:"
              + EVENTS
              + ")\\s*\\]"
              + "|\\(\\s*(?:"
              + EVENTS
              + ")\\s*\\)",
          Pattern.CASE_INSENSITIVE);

  @Override
  public String name() {
    return "noise_tags";
  }

  @Override
  public Kind kind() {
    return Kind.ARTIFACT;
  }

  @Override
  public String apply(String text, List<Correction> out) {
    if (text.indexOf('<') < 0 && text.indexOf('[') < 0 && text.indexOf('(') < 0) {
      return text;
    }
    Matcher m = TAG.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    int last = 0;
    do {
      out.add(new Correction(m.group(), "", Confidence.HIGH, Reason.NOISE_TAG));
      sb.append(text, last, m.start()).append(' ');
      last = m.end();
    } while (m.find());
    sb.append(text, last, text.length());
    return Normalizer.tidy(sb.toString());
  }
}
