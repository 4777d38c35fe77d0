package io.cleanercontext.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {
  @Test
  void aClientGetsUpToItsLimitAndAFreedSlotBack() {
    ConnectionLimiter limiter = new ConnectionLimiter(2);
    ConnectionLimiter.Lease first = limiter.tryOpen("ip:10.0.0.1");
    ConnectionLimiter.Lease second = limiter.tryOpen("ip:10.0.0.1");
    assertThat(first).isNotNull().isSameAs(second);
    assertThat(limiter.tryOpen("ip:10.0.0.1")).isNull();
    assertThat(limiter.openBy("ip:10.0.0.1")).isEqualTo(2);

    first.release();
    assertThat(limiter.openBy("ip:10.0.0.1")).isEqualTo(1);
    assertThat(limiter.tryOpen("ip:10.0.0.1")).isSameAs(second);
  }

  @Test
  void clientsAreCountedApartAndForgottenWhenTheirLastConnectionCloses() {
    ConnectionLimiter limiter = new ConnectionLimiter(1);
    ConnectionLimiter.Lease a = limiter.tryOpen("sub:t/a");
    ConnectionLimiter.Lease b = limiter.tryOpen("sub:t/b");
    assertThat(a).isNotNull();
    assertThat(b).isNotNull().isNotSameAs(a);
    a.release();
    assertThat(limiter.openBy("sub:t/a")).isZero();
    assertThat(limiter.openBy("sub:t/b")).isEqualTo(1);

    // A new lease after the old one was dropped: releasing the stale one again changes nothing.
    ConnectionLimiter.Lease again = limiter.tryOpen("sub:t/a");
    assertThat(again).isNotNull().isNotSameAs(a);
    a.release();
    assertThat(limiter.openBy("sub:t/a")).isEqualTo(1);
  }
}
