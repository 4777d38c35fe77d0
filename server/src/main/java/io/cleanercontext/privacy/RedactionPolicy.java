package io.cleanercontext.privacy;

import java.util.EnumSet;
import java.util.Set;

/** Which types are redacted and how. Immutable. */
public record RedactionPolicy(RedactionMode mode, Set<PiiType> types) {

  /** Redacts nothing. */
  public static final RedactionPolicy OFF = new RedactionPolicy(RedactionMode.OFF, Set.of());

  public RedactionPolicy {
    types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
  }

  /** Every type, in the given mode. */
  public static RedactionPolicy all(RedactionMode mode) {
    return new RedactionPolicy(mode, EnumSet.allOf(PiiType.class));
  }

  /** True when this policy can change a text. */
  public boolean active() {
    return mode != RedactionMode.OFF && !types.isEmpty();
  }
}
