package io.cleanercontext.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

  @Test
  void writesWhatInstantToStringWrites() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      long seconds = random.nextLong(-62_167_219_200L, 253_402_300_800L);
      int nano =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant instant = Instant.ofEpochSecond(seconds, nano);
      assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString());
    }
  }

  @Test
  void edgesOfTheRangeAndOfTheFraction() {
    for (String text :
        new String[] {
          "1970-01-01T00:00:00Z",
          "1969-12-31T23:59:59.999999999Z",
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999999999Z",
          "2000-02-29T12:00:00.100Z",
          "1900-03-01T00:00:00.000001Z",
          "2026-12-07T01:15:42.123456Z",
          "2024-12-31T23:59:59.000000001Z"
        }) {
      Instant instant = Instant.parse(text);
      assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString()).isEqualTo(text);
    }
  }

  @Test
  void instantsBeyondFourDigitYearsAreTheJdksText() {
    Instant late = Instant.parse("+10000-01-01T00:00:00Z");
    Instant early = Instant.ofEpochSecond(-62_167_219_201L);
    assertThat(IsoInstant.format(late)).isEqualTo(late.toString()).startsWith("+10000");
    assertThat(IsoInstant.format(early)).isEqualTo(early.toString()).startsWith("-0001");
    assertThat(IsoInstant.format(Instant.MAX)).isEqualTo(Instant.MAX.toString());
    assertThat(IsoInstant.format(Instant.MIN)).isEqualTo(Instant.MIN.toString());
  }
}
