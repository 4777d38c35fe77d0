package io.cleanercontext.cleaner.engine;

/** How sure the engine is of a correction, or of a whole cleaned turn. */
public enum Confidence {
  HIGH,
  MEDIUM,
  LOW;

  /** The less confident of two values. */
  public Confidence min(Confidence other) {
    return this.ordinal() >= other.ordinal() ? this : other;
  }
}
