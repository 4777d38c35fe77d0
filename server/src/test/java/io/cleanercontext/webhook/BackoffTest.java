package io.cleanercontext.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(5_000, 3 * 3_600_000L, 86_400_000L);
  private final Instant start = Instant.parse("2026-12-06T00:00:00Z");

  @Test
  void delaysDoubleFromTheBaseUpToTheMaximum() {
    assertThat(delay(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(delay(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(delay(3)).isEqualTo(Duration.ofSeconds(20));
    assertThat(delay(30)).isEqualTo(Duration.ofHours(3));
  }

  @Test
  void jitterSpreadsTheDelayAroundItsValue() {
    Instant low = backoff.next(2, start, start, 0.75);
    Instant high = backoff.next(2, start, start, 1.2499);
    assertThat(Duration.between(start, low)).isEqualTo(Duration.ofMillis(7_500));
    assertThat(Duration.between(start, high)).isLessThan(Duration.ofMillis(12_500));
  }

  @Test
  void retriesKeepGoingForADayThenTheDeliveryIsADeadLetter() {
    Instant now = start;
    int attempts = 0;
    Instant next;
    while ((next = backoff.next(++attempts, start, now, 1.0)) != null) {
      now = next;
    }
    assertThat(Duration.between(start, now)).isBetween(Duration.ofHours(21), Duration.ofHours(24));
    assertThat(attempts).isBetween(12, 20);
  }

  private Duration delay(int attempts) {
    return Duration.between(start, backoff.next(attempts, start, start, 1.0));
  }
}
