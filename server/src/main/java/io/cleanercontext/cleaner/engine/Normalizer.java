package io.cleanercontext.cleaner.engine;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Voice-tag removal and whitespace/ellipsis tidying. These are not corrections: they change nothing
 * a reader would call a word, so they are applied to AI turns too (whitespace only) and are not
 * reported.
 */
final class Normalizer implements TextStage {

  private static final String VOICE_TAG_START = "##VT_";
  private static final Pattern UNICODE_ELLIPSIS = Pattern.compile("\\u2026");
  // "... ... ..." as the TTS/STT emits it reads as one pause
  private static final Pattern ELLIPSIS_RUN = Pattern.compile("\\.{3}(?:\\s*\\.{3})+");
  // "them.." is a typo'd full stop, not an ellipsis
  private static final Pattern DOUBLE_DOT = Pattern.compile("(?<=[\\p{L}\\p{N}])\\.\\.(?!\\.)");
  private static final Pattern SPACE_BEFORE_PUNCT = Pattern.compile("\\s+(?=[,.!?;:](?:\\s|$))");
  private static final Pattern REPEATED_COMMA = Pattern.compile(",(?:\\s*,)+");
  private static final Pattern LEADING_PUNCT = Pattern.compile("^[\\s,;:]+");
  private static final Pattern COMMA_BEFORE_STOP = Pattern.compile(",\\s*(?=[.!?])");

  @Override
  public String name() {
    return "normalize";
  }

  @Override
  public Kind kind() {
    return Kind.TIDY;
  }

  @Override
  public String apply(String text, List<Correction> out) {
    return tidy(stripVoiceTags(text));
  }

  /** Removes {@code ##VT_...##} voice tags (TTS emotion hints, never spoken). */
  static String stripVoiceTags(String text) {
    // a loop, not the pattern ##VT_[A-Za-z0-9_]*##: every AI turn passes here, most with tags
    int p = text.indexOf(VOICE_TAG_START);
    if (p < 0) {
      return text;
    }
    StringBuilder sb = null;
    int copied = 0;
    while (p >= 0) {
      int q = p + VOICE_TAG_START.length();
      while (q < text.length() && isTagChar(text.charAt(q))) {
        q++;
      }
      if (text.startsWith("##", q)) {
        if (sb == null) {
          sb = new StringBuilder(text.length());
        }
        sb.append(text, copied, p).append(' ');
        copied = q + 2;
        p = text.indexOf(VOICE_TAG_START, copied);
      } else {
        p = text.indexOf(VOICE_TAG_START, p + 1);
      }
    }
    return sb == null ? text : sb.append(text, copied, text.length()).toString();
  }

  /** A character of a voice tag's name: [A-Za-z0-9_]. */
  private static boolean isTagChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  }

  /** Collapses whitespace runs to one space and trims. Safe for AI text: changes no character. */
  static String tidyWhitespace(String text) {
    // a hand-written loop: this runs on every (long) AI turn, and a regex here dominated the
    // profile
    int n = text.length();
    // most texts are tidy already: one space between words, none at the ends
    boolean space = true;
    for (int i = 0; i < n; i++) {
      boolean now = isSpace(text.charAt(i));
      if (now && space) {
        break;
      }
      space = now;
      if (i == n - 1 && !space) {
        return text; // nothing dropped: the loop below would give the text back too
      }
    }
    StringBuilder sb = new StringBuilder(n);
    boolean pendingSpace = false;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (isSpace(c)) {
        pendingSpace = sb.length() > 0;
        continue;
      }
      if (pendingSpace) {
        sb.append(' ');
        pendingSpace = false;
      }
      sb.append(c);
    }
    return sb.length() == n ? text : sb.toString();
  }

  /**
   * Unicode white space, no-break spaces, zero-width space and BOM (not joiners: scripts need
   * them).
   */
  private static boolean isSpace(char c) {
    if (c > ' ' && c < 0x7F) {
      return false; // printable ASCII
    }
    return c == ' '
        || Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || c == '\u200B'
        || c == '\uFEFF';
  }

  /** Whitespace, ellipsis and stray-punctuation tidying of user text, e.g. after removals. */
  static String tidy(String text) {
    String t = tidyWhitespace(text);
    if (t.indexOf('\u2026') >= 0) {
      t = UNICODE_ELLIPSIS.matcher(t).replaceAll("...");
    }
    if (t.contains("..")) {
      t = ELLIPSIS_RUN.matcher(t).replaceAll("...");
      t = DOUBLE_DOT.matcher(t).replaceAll(".");
    }
    if (spaceBeforePunctuation(t)) {
      t = SPACE_BEFORE_PUNCT.matcher(t).replaceAll("");
    }
    if (commaBeforeMark(t)) {
      t = REPEATED_COMMA.matcher(t).replaceAll(",");
      t = COMMA_BEFORE_STOP.matcher(t).replaceAll("");
    }
    if (!t.isEmpty() && ",;: \t\n\u000B\f\r".indexOf(t.charAt(0)) >= 0) {
      t = LEADING_PUNCT.matcher(t).replaceAll("");
    }
    return tidyWhitespace(t);
  }

  /**
   * Whether {@link #REPEATED_COMMA} or {@link #COMMA_BEFORE_STOP} may match: a comma, then perhaps
   * space, then a comma or a stop (most turns' commas are followed by a word).
   */
  private static boolean commaBeforeMark(String t) {
    for (int i = t.indexOf(','); i >= 0; i = t.indexOf(',', i + 1)) {
      int j = i + 1;
      while (j < t.length() && " \t\n\u000B\f\r".indexOf(t.charAt(j)) >= 0) {
        j++;
      }
      if (j < t.length() && ",.!?".indexOf(t.charAt(j)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@link #SPACE_BEFORE_PUNCT} may match: a mark it removes space before, right after
   * space (most turns have none, and the check is cheaper than the pattern).
   */
  private static boolean spaceBeforePunctuation(String t) {
    for (int i = 1; i < t.length(); i++) {
      if (",.!?;:".indexOf(t.charAt(i)) >= 0 && " \t\n\u000B\f\r".indexOf(t.charAt(i - 1)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** True when nothing readable is left: no letter or digit at all. */
  static boolean isEmptyOfWords(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isLetterOrDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
