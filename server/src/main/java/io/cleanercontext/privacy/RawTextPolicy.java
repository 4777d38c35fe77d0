package io.cleanercontext.privacy;

import java.util.Optional;

/** What is kept of a turn's text as the caller sent it. */
public enum RawTextPolicy {
  /** Stored as sent (the tenant accepts personal data in the raw text). */
  KEPT("kept"),
  /** Stored with personal data masked, whatever the redaction mode of the cleaned text. */
  REDACTED("redacted"),
  /** Stored masked only until the turn is cleaned, then emptied. */
  NONE("none");

  private final String wire;

  RawTextPolicy(String wire) {
    this.wire = wire;
  }

  public String wireName() {
    return wire;
  }

  public static Optional<RawTextPolicy> fromWire(String name) {
    for (RawTextPolicy p : values()) {
      if (p.wire.equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
