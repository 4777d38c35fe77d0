package io.cleanercontext.privacy;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of personal data the redactor finds. The wire name (settings, turn metadata) is the
 * lower-case name; the mask is the upper-case name in brackets, e.g. {@code [CARD]}.
 */
public enum PiiType {
  /** Payment card number: 13-19 digits passing the Luhn check, with a card network's prefix. */
  CARD,
  /** Card security code (CVC/CVV), 3-4 digits after a cue. */
  CVC,
  /** Card expiry date after a cue. */
  EXPIRY,
  /** Bank account number (6-17 digits, or an IBAN) after a cue. */
  BANK_ACCOUNT,
  /** UK sort code (6 digits) after a cue. */
  SORT_CODE,
  /** E-mail address, written or spoken ("john dot smith at gmail dot com"). */
  EMAIL,
  /** Phone number, written or spoken, valid by libphonenumber's numbering plans. */
  PHONE,
  /** US Social Security number. */
  SSN,
  /** UK National Insurance number. */
  NINO,
  /** Date of birth after a cue. */
  DOB;

  private final String mask = "[" + name() + "]";
  private final String wire = name().toLowerCase(Locale.ROOT);

  /** What replaces the value in {@code mask} mode, e.g. {@code [CARD]}. */
  public String mask() {
    return mask;
  }

  /** The name in settings and in a turn's metadata, e.g. {@code card}. */
  public String wireName() {
    return wire;
  }

  /** The type of a wire name, or empty when it names none. */
  public static Optional<PiiType> fromWire(String name) {
    for (PiiType t : values()) {
      if (t.wire.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
