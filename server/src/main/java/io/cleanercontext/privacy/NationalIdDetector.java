package io.cleanercontext.privacy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * US Social Security numbers (3-2-4 digits, or 9 digits after a cue; never area 000, 666 or 9xx,
 * group 00 or serial 0000) and UK National Insurance numbers (two letters HMRC allocates, six
 * digits, a suffix A-D; written "AB 12 34 56 C" or spelt out "a b one two ...").
 */
final class NationalIdDetector implements Detector {
  private static final Pattern NINO =
      Pattern.compile("(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]?");
  private static final int WINDOW = 8;

  @Override
  public void find(Turn turn, List<Span> out) {
    List<Integer> ssnCues = Cues.SSN.ends(turn.tokens, turn.previous());
    for (DigitRun run : turn.runs) {
      if (run.digits.length() != 9 || run.amount || run.glued || run.slashed) {
        continue;
      }
      int[] groups = run.groupSizes();
      boolean shaped = groups.length == 3 && groups[0] == 3 && groups[1] == 2 && groups[2] == 4;
      boolean cued = Cues.cued(ssnCues, run.firstToken, WINDOW);
      if ((cued || shaped && !Context.referenceBefore(turn.tokens, run.firstToken, 3))
          && isSsn(run.digits)) {
        out.add(new Span(PiiType.SSN, run.startChar, run.endChar));
      }
    }
    findNino(turn, out);
  }

  static boolean isSsn(String d) {
    String area = d.substring(0, 3);
    return !area.equals("000")
        && !area.equals("666")
        && area.charAt(0) != '9'
        && !d.startsWith("00", 3)
        && !d.startsWith("0000", 5);
  }

  private static void findNino(Turn turn, List<Span> out) {
    List<Token> t = turn.tokens;
    Boolean cued = null;
    for (int i = 0; i < t.size(); i++) {
      Token first = t.get(i);
      boolean letters = first.kind() == Token.Kind.WORD && first.text().length() <= 2;
      if (!letters && (first.kind() != Token.Kind.ALNUM || first.text().length() > 9)) {
        continue; // a number starts with two letters, written alone, spelt out or with its digits
      }
      StringBuilder compact = new StringBuilder(12);
      int k = i;
      int end = -1;
      boolean suffixed = false;
      while (k < t.size() && compact.length() <= 9) {
        int next = part(t, k, compact);
        if (next < 0) {
          break;
        }
        k = next;
        if (compact.length() >= 8 && NINO.matcher(compact).matches()) {
          end = k;
          suffixed = compact.length() == 9;
        }
      }
      if (end < 0) {
        continue;
      }
      if (!suffixed || Context.referenceBefore(t, i, 3)) {
        if (cued == null) {
          cued = Cues.NINO.anywhere(t, turn.previous());
        }
        if (!cued) {
          continue;
        }
      }
      out.add(new Span(PiiType.NINO, first.start(), t.get(end - 1).end()));
      i = end - 1;
    }
  }

  /** Appends the letters or digits of the token at k (upper-case); -1 when it is neither. */
  private static int part(List<Token> t, int k, StringBuilder compact) {
    Token tok = t.get(k);
    if (tok.kind() == Token.Kind.ALNUM || tok.kind() == Token.Kind.DIGITS) {
      compact.append(tok.text().toUpperCase());
      return k + 1;
    }
    if (tok.kind() == Token.Kind.WORD && tok.text().length() <= 2 && compact.length() < 2
        || compact.length() == 8 && tok.text().length() == 1) {
      if (tok.kind() == Token.Kind.WORD) {
        compact.append(tok.text().toUpperCase());
        return k + 1;
      }
    }
    if (compact.length() >= 2 && compact.length() < 8) {
      StringBuilder digits = new StringBuilder();
      int next = SpokenDigits.read(t, k, digits);
      if (next > 0 && digits.length() <= 8 - compact.length()) {
        compact.append(digits);
        return next;
      }
    }
    if (tok.is("-") && compact.length() > 0) {
      return k + 1;
    }
    return -1;
  }
}
