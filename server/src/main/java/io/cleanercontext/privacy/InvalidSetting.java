package io.cleanercontext.privacy;

/** A privacy setting or spelling rule that cannot be used; the message names it and says why. */
public final class InvalidSetting extends IllegalArgumentException {
  public InvalidSetting(String message) {
    super(message);
  }
}
