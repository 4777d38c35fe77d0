package io.cleanercontext.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds personal data in a turn and masks or removes it. Thread-safe and stateless; build one per
 * process. A turn with no digit, no '@', no '[', no number, ordinal or birth word and not both "at"
 * and "dot" cannot hold anything it finds, and is returned after one pass over its characters.
 */
public final class Redactor {
  /** Detectors in order of precedence: where two find overlapping values, the first one's wins. */
  private final List<Detector> detectors;

  /** A redactor whose phone numbers are those valid in the given regions (ISO 3166 codes). */
  public Redactor(List<String> phoneRegions) {
    this.detectors =
        List.of(
            new MaskDetector(),
            new EmailDetector(),
            new CardDetector(),
            new NationalIdDetector(),
            new BankDetector(),
            new CardDetailsDetector(),
            new BirthDateDetector(),
            new PhoneDetector(phoneRegions));
  }

  /** A redactor for US and UK phone numbers. */
  public Redactor() {
    this(List.of("US", "GB"));
  }

  /** Redacts a turn on its own. */
  public RedactedText redact(String text, RedactionPolicy policy) {
    return redact(text, policy, null);
  }

  /**
   * Redacts a turn; {@code previousTurn} (may be null) is the turn before it, whose cues ("what's
   * the expiry date?") make a bare answer ("oh nine twenty seven") personal data.
   */
  public RedactedText redact(String text, RedactionPolicy policy, String previousTurn) {
    if (text == null || !policy.active() || !mayHoldPii(text)) {
      return RedactedText.unchanged(text);
    }
    List<Span> spans = find(text, previousTurn);
    spans.removeIf(s -> !policy.types().contains(s.type()));
    return spans.isEmpty() ? RedactedText.unchanged(text) : apply(text, spans, policy.mode());
  }

  /** Every value found, of every type, without overlaps, in order of position. */
  List<Span> find(String text, String previousTurn) {
    Turn turn = new Turn(text, previousTurn);
    List<Span> found = turn.claimed;
    List<Span> mine = new ArrayList<>();
    for (Detector detector : detectors) {
      mine.clear();
      detector.find(turn, mine);
      for (Span s : mine) {
        if (!turn.claimed(s.start(), s.end())) {
          found.add(s);
        }
      }
    }
    found = new ArrayList<>(found);
    found.sort(Comparator.comparingInt(Span::start));
    return found;
  }

  private static RedactedText apply(String text, List<Span> spans, RedactionMode mode) {
    StringBuilder out = new StringBuilder(text.length());
    List<Redaction> redactions = new ArrayList<>(spans.size());
    int last = 0;
    for (Span s : spans) {
      out.append(text, last, s.start());
      last = s.end();
      if (mode == RedactionMode.MASK) {
        int start = out.length();
        out.append(s.type().mask());
        redactions.add(new Redaction(s.type(), start, out.length()));
      } else {
        // Removed: one of the spaces around the value goes with it.
        if (out.length() > 0
            && out.charAt(out.length() - 1) == ' '
            && (last >= text.length() || text.charAt(last) == ' ')) {
          out.setLength(out.length() - 1);
        }
        redactions.add(new Redaction(s.type(), out.length(), out.length()));
      }
    }
    out.append(text, last, text.length());
    return new RedactedText(out.toString(), redactions);
  }

  /** The cheap pre-check: false when no detector could find anything in the text. */
  static boolean mayHoldPii(String text) {
    int n = text.length();
    int wordStart = -1;
    boolean at = false;
    boolean dot = false;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? text.charAt(i) : ' ';
      if (c >= '0' && c <= '9' || c == '@' || c == '[') {
        return true;
      }
      dot |= c == '.' && i + 1 < n && Character.isLetter(text.charAt(i + 1));
      if (Character.isLetter(c)) {
        if (wordStart < 0) {
          wordStart = i;
        }
      } else if (wordStart >= 0) {
        int length = i - wordStart;
        if (length == 2 && text.regionMatches(true, wordStart, "at", 0, 2)) {
          at = true;
        } else if (length == 3 && text.regionMatches(true, wordStart, "dot", 0, 3)) {
          dot = true;
        } else if (length <= 11
            && NumberWords.TRIGGERS.contains(
                text.substring(wordStart, i).toLowerCase(Locale.ROOT))) {
          return true;
        }
        wordStart = -1;
      }
    }
    return at && dot; // a spoken e-mail address needs both
  }
}
