package io.cleanercontext.webhook;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: the delay doubles from {@code baseMs} with each attempt,
 * up to {@code maxDelayMs}, times a random factor in [0.75, 1.25) so endpoints that failed together
 * are not retried in lockstep. Attempts go on while the next one falls inside the retry window (24
 * h by default, from the event or its last manual resend); then the delivery is a dead letter.
 */
record Backoff(long baseMs, long maxDelayMs, long windowMs) {

  /** The time of the next attempt after {@code attempts} failed ones, or null: a dead letter. */
  Instant next(int attempts, Instant retryFrom, Instant now) {
    double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
    return next(attempts, retryFrom, now, jitter);
  }

  Instant next(int attempts, Instant retryFrom, Instant now, double jitter) {
    long delay = baseMs;
    for (int i = 1; i < attempts && delay < maxDelayMs; i++) {
      delay *= 2;
    }
    delay = Math.round(Math.min(delay, maxDelayMs) * jitter);
    Instant next = now.plusMillis(delay);
    return next.isAfter(retryFrom.plusMillis(windowMs)) ? null : next;
  }
}
