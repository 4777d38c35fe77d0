package io.cleanercontext.contract;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a turn is in its life: stored and waiting for its shard, then cleaned, skipped (passed
 * through unchanged, e.g. an AI turn) or failed after its last attempt. The one place a status is
 * named: JSON, SQL parameters and metric tags use {@link #wireName()} ({@code ArchitectureTest}
 * keeps the names out of every other source file).
 */
public enum TurnStatus {
  PENDING,
  CLEANED,
  SKIPPED,
  FAILED;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** Lower-case wire name, as stored in {@code turns.status} and sent to clients. */
  public String wireName() {
    return wireName;
  }

  /** Whether the turn has left pending for good. */
  public boolean done() {
    return this != PENDING;
  }

  /** The status of a wire name; empty for a name no turn has. */
  public static Optional<TurnStatus> fromWire(String name) {
    for (TurnStatus status : values()) {
      if (status.wireName.equals(name)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  /** The status of a stored wire name; a name no turn has is a broken row. */
  public static TurnStatus of(String name) {
    return fromWire(name)
        .orElseThrow(() -> new IllegalArgumentException("no turn status '" + name + "'"));
  }
}
