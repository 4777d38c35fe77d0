package io.cleanercontext.cleaner.engine;

import java.util.List;

/**
 * Removes stray fragments in a non-Latin script ("อือ", "うん 。") that the STT engine emits for
 * back-channel sounds in an English call. A turn with no Latin letters at all is left alone when it
 * is long (the user may really be speaking another language) and emptied when it is a short
 * fragment, which the engine then treats as garbage.
 */
final class ForeignScriptStage implements TextStage {

  /** A short non-Latin turn is a back-channel sound, not speech worth keeping. */
  private static final int MAX_GARBAGE_LETTERS = 24;

  private static final int MAX_GARBAGE_TOKENS = 3;

  @Override
  public String name() {
    return "foreign_script";
  }

  @Override
  public Kind kind() {
    return Kind.ARTIFACT;
  }

  @Override
  public String apply(String text, List<Correction> out) {
    int latin = 0;
    int foreign = 0;
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      if (c
          < 0x80) { // ASCII (most of every turn): a Latin letter or no letter at all, never foreign
        if (Character.isLetter(c)) {
          latin++;
        }
        i++;
        continue;
      }
      int cp = text.codePointAt(i);
      if (Character.isLetter(cp)) {
        if (isLatin(cp)) {
          latin++;
        } else {
          foreign++;
        }
      } else if (isForeignPunctuation(cp)) {
        foreign++;
      }
      i += Character.charCount(cp);
    }
    if (foreign == 0) {
      return text;
    }
    if (latin == 0) {
      if (foreign <= MAX_GARBAGE_LETTERS && Tokens.split(text).size() <= MAX_GARBAGE_TOKENS) {
        out.add(new Correction(text, "", Confidence.HIGH, Reason.FOREIGN_SCRIPT));
        return "";
      }
      return text;
    }
    return removeForeignRuns(text, out);
  }

  private static String removeForeignRuns(String text, List<Correction> out) {
    StringBuilder sb = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (!startsForeignRun(cp)) {
        sb.appendCodePoint(cp);
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      int end = i;
      int j = i;
      // a run spans foreign letters, their combining marks, CJK punctuation and inner spaces
      while (j < text.length()) {
        int c = text.codePointAt(j);
        if (startsForeignRun(c) || isMark(c)) {
          j += Character.charCount(c);
          end = j;
        } else if (Character.isWhitespace(c)) {
          j += Character.charCount(c);
        } else {
          break;
        }
      }
      out.add(
          new Correction(text.substring(start, end), "", Confidence.HIGH, Reason.FOREIGN_SCRIPT));
      sb.append(' ');
      i = end;
    }
    return Normalizer.tidy(sb.toString());
  }

  private static boolean startsForeignRun(int cp) {
    return (Character.isLetter(cp) && !isLatin(cp)) || isForeignPunctuation(cp);
  }

  static boolean isLatin(int cp) {
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return s == Character.UnicodeScript.LATIN || s == Character.UnicodeScript.COMMON;
  }

  private static boolean isMark(int cp) {
    int t = Character.getType(cp);
    return t == Character.NON_SPACING_MARK
        || t == Character.COMBINING_SPACING_MARK
        || t == Character.ENCLOSING_MARK;
  }

  /** CJK and fullwidth punctuation ("。", "、", "！") never belongs in an English turn. */
  private static boolean isForeignPunctuation(int cp) {
    return (cp >= 0x3000 && cp <= 0x303F)
        || (cp >= 0xFF01 && cp <= 0xFF65)
        || cp == 0x0E2F
        || cp == 0x0E46
        || cp == 0x060C
        || cp == 0x061F
        || cp == 0x06D4;
  }
}
