package io.cleanercontext.api;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.intake.Fields;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules of a conversation's caller keyterms (names, products, jargon spelled as they should
 * appear): at most {@link #MAX_TERMS} strings, each non-empty after trimming, at most {@link
 * #MAX_CODE_POINTS} characters (code points, so an emoji or a CJK character outside the BMP counts
 * once) and {@link #MAX_WORDS} words. Each is trimmed and its inner runs of whitespace become one
 * space; a term repeated ignoring case is dropped, the first spelling kept.
 */
final class Keyterms {
  static final int MAX_TERMS = 1_000;
  static final int MAX_CODE_POINTS = 100;
  static final int MAX_WORDS = 6;

  private Keyterms() {}

  /**
   * The keyterms of a request's {@code keyterms} value, normalised; a problem names {@code
   * keyterms} (not an array, too many) or {@code keyterms[i]} (the entry at fault).
   */
  static List<String> parse(Object value) {
    if (!(value instanceof JsonArray array)) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST, "keyterms must be an array of strings", "keyterms");
    }
    if (array.size() > MAX_TERMS) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST,
          "keyterms has " + array.size() + " entries; the limit is " + MAX_TERMS,
          "keyterms");
    }
    List<String> kept = new ArrayList<>(array.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String term = one(array.getValue(i), "keyterms[" + i + "]");
      if (seen.add(caseless(term))) {
        kept.add(term);
      }
    }
    return kept;
  }

  private static String one(Object value, String field) {
    if (!(value instanceof String raw)) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, field + " must be a string", field);
    }
    // Control characters and broken UTF-16 are refused (400), like in every other text field.
    Fields.checkText(raw, field, Integer.MAX_VALUE);
    String term = collapseWhitespace(raw);
    if (term.isEmpty()) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, field + " must not be empty", field);
    }
    if (term.codePoints().noneMatch(Keyterms::visible)) {
      // U+200B, U+202E, U+2060 and friends: a term nobody can see or say matches nothing
      throw new ServiceException(
          ErrorCode.BAD_REQUEST,
          field + " has no visible character (only format or filler characters)",
          field);
    }
    int codePoints = term.codePointCount(0, term.length());
    if (codePoints > MAX_CODE_POINTS) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST,
          field + " has " + codePoints + " characters; the limit is " + MAX_CODE_POINTS,
          field);
    }
    int words = term.split(" ", -1).length;
    if (words > MAX_WORDS) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST,
          field + " has " + words + " words; the limit is " + MAX_WORDS,
          field);
    }
    return term;
  }

  /** Whether a code point shows as something: not a format, filler or lone combining mark. */
  private static boolean visible(int cp) {
    int type = Character.getType(cp);
    return type != Character.FORMAT
        && type != Character.NON_SPACING_MARK
        && type != Character.ENCLOSING_MARK
        && !Character.isWhitespace(cp)
        && !Character.isSpaceChar(cp)
        && cp != 0x115F // Hangul fillers, rendered blank
        && cp != 0x1160
        && cp != 0x3164
        && cp != 0xFFA0
        && cp != 0x2800; // braille blank
  }

  /**
   * Trimmed, with every inner run of whitespace (Java's definition, as {@link String#strip}) one
   * space.
   */
  static String collapseWhitespace(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp)) {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /**
   * The key under which two spellings are the same term: case folded both ways, as Unicode's simple
   * folding does.
   */
  private static String caseless(String term) {
    return term.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }
}
