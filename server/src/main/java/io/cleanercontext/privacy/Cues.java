package io.cleanercontext.privacy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cue phrases ("security code", "date of birth") that make a nearby number personal data. A cue in
 * the previous turn counts as a cue at the start of this one: an agent asks "and the expiry date?",
 * the caller answers "oh nine twenty seven".
 */
final class Cues {
  static final Cues CARD =
      new Cues(
          "card",
          "visa",
          "mastercard",
          "amex",
          "american express",
          "debit",
          "credit",
          "long number",
          "discover");
  static final Cues CVC =
      new Cues(
          "cvc",
          "cvv",
          "cvv2",
          "cv2",
          "csc",
          "security code",
          "security number",
          "code on the back",
          "number on the back",
          "digits on the back",
          "verification code",
          "card code",
          "three digit code",
          "three digits",
          "last three digits");
  static final Cues EXPIRY =
      new Cues(
          "expiry",
          "expires",
          "expiration",
          "expire",
          "exp",
          "valid thru",
          "valid through",
          "valid until",
          "end date");
  static final Cues ACCOUNT =
      new Cues("account number", "account no", "account", "acct", "bank account", "account num");
  static final Cues SORT_CODE = new Cues("sort code", "sort codes", "sorting code");
  static final Cues SSN = new Cues("social security", "ssn", "social");
  static final Cues NINO =
      new Cues("national insurance", "ni number", "n i number", "nino", "insurance number");
  static final Cues BIRTH =
      new Cues(
          "date of birth",
          "dob",
          "d o b",
          "born on",
          "born",
          "birthday",
          "birthday's",
          "birth date",
          "birthdate");
  static final Cues PHONE =
      new Cues(
          "phone",
          "number",
          "mobile",
          "cell",
          "call",
          "ring",
          "text",
          "reach",
          "landline",
          "contact");
  static final Cues EMAIL = new Cues("email", "e-mail", "e mail", "email address", "mail");

  private final String[][] phrases;

  /** The first words of the phrases: most tokens are none of them and cost one lookup. */
  private final Set<String> firstWords = new HashSet<>();

  private Cues(String... phrases) {
    this.phrases = new String[phrases.length][];
    for (int i = 0; i < phrases.length; i++) {
      this.phrases[i] = Token.of(phrases[i]).stream().map(Token::text).toArray(String[]::new);
      firstWords.add(this.phrases[i][0]);
    }
  }

  /**
   * The token index after each cue in {@code tokens}, in order; 0 first if {@code previous} has
   * one.
   */
  List<Integer> ends(List<Token> tokens, List<Token> previous) {
    List<Integer> out = new ArrayList<>();
    if (previous != null && !ends(previous, null).isEmpty()) {
      out.add(0);
    }
    for (int i = 0; i < tokens.size(); i++) {
      if (!firstWords.contains(tokens.get(i).text())) {
        continue;
      }
      for (String[] phrase : phrases) {
        if (matches(tokens, i, phrase)) {
          out.add(i + phrase.length);
          break;
        }
      }
    }
    return out;
  }

  /** True when the turn or the previous one holds a cue. */
  boolean anywhere(List<Token> tokens, List<Token> previous) {
    return !ends(tokens, previous).isEmpty();
  }

  /** True when a cue ends within {@code window} tokens before token {@code first}. */
  static boolean cued(List<Integer> ends, int first, int window) {
    for (int end : ends) {
      if (end <= first && first - end <= window) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(List<Token> tokens, int i, String[] phrase) {
    if (i + phrase.length > tokens.size()) {
      return false;
    }
    for (int k = 0; k < phrase.length; k++) {
      if (!tokens.get(i + k).is(phrase[k])) {
        return false;
      }
    }
    return true;
  }
}
