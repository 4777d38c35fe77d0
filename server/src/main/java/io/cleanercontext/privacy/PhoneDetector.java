package io.cleanercontext.privacy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;

/**
 * Phone numbers, written or spoken, that Google's libphonenumber holds valid for one of the
 * configured regions, or internationally after "+", "plus" or "00". The numbering plans are what
 * tell "0207 946 0018" from an 11-digit order number; references, prices, dates and codes glued to
 * letters are skipped before the plans are consulted.
 */
final class PhoneDetector implements Detector {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private final List<String> regions;

  PhoneDetector(List<String> regions) {
    this.regions = List.copyOf(regions);
  }

  @Override
  public void find(Turn turn, List<Span> out) {
    for (DigitRun run : turn.runs) {
      if (run.digits.length() < 7
          || run.amount
          || run.glued
          || run.slashed
          || turn.claimed(run.startChar, run.endChar)) {
        continue;
      }
      if (Context.referenceBefore(turn.tokens, run.firstToken, 3)) {
        continue;
      }
      best(turn, run, out);
    }
  }

  private boolean cued(Turn turn, DigitRun run) {
    return Cues.cued(Cues.PHONE.ends(turn.tokens, turn.previous()), run.firstToken, 4);
  }

  private void best(Turn turn, DigitRun run, List<Span> out) {
    int units = run.units();
    boolean cued = cued(turn, run);
    for (int length = units; length >= 1; length--) {
      for (int from = 0; from + length <= units; from++) {
        int to = from + length;
        int digits = run.unitDigit[to] - run.unitDigit[from];
        if (digits >= 7
            && digits <= 15
            && valid(run.digits(from, to), run.plus && from == 0, cued)) {
          out.add(
              new Span(
                  PiiType.PHONE, run.charStart(turn.tokens, from), run.charEnd(turn.tokens, to)));
          return;
        }
      }
    }
  }

  /**
   * Valid in a region's numbering plan; after a phone cue ("call me on") a possible number is
   * enough, which takes in the ranges kept for drama and examples (07700 900xxx, 555-01xx).
   */
  /** US and UK national numbers have 10 digits (11 with the US "1" or UK "0"): no parse needed. */
  private static boolean plausibleLength(String digits, String region) {
    int n = digits.length();
    return switch (region) {
      case "US", "CA" -> n == 10 || n == 11 && digits.charAt(0) == '1';
      case "GB" -> n == 10 || n == 11 && digits.charAt(0) == '0';
      default -> true;
    };
  }

  private boolean valid(String digits, boolean international, boolean cued) {
    try {
      if (international || digits.startsWith("00")) {
        String e164 = "+" + (international ? digits : digits.substring(2));
        PhoneNumber number = PHONES.parse(e164, "ZZ");
        return PHONES.isValidNumber(number) || cued && PHONES.isPossibleNumber(number);
      }
      for (String region : regions) {
        if (!plausibleLength(digits, region)) {
          continue;
        }
        PhoneNumber number = PHONES.parse(digits, region);
        if (PHONES.isValidNumber(number)
            || cued && digits.length() >= 10 && PHONES.isPossibleNumber(number)) {
          return true;
        }
      }
      return false;
    } catch (NumberParseException e) {
      return false;
    }
  }
}
