package io.cleanercontext.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TurnMetersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TurnMeters meters =
      new TurnMeters(registry, new double[] {0.5}, Duration.ofMinutes(1));

  @Test
  void countsAResultByStatusRoleAndLevelWithItsTimesAndCorrections() {
    JsonObject metadata =
        new JsonObject()
            .put("cleaning_level", "full")
            .put("processing_time_ms", 2.5)
            .put("timing_breakdown", new JsonObject().put("filler", 0.25).put("evidence", 1.0))
            .put(
                "corrections",
                new JsonArray()
                    .add(new JsonObject().put("reason", "homophone:their->there"))
                    .add(Map.of("reason", "filler"))
                    .add(new JsonObject().put("reason", "x".repeat(41)))
                    .add(new JsonObject()));

    meters.record(turn(TurnStatus.CLEANED, Speaker.USER, metadata));
    meters.record(turn(TurnStatus.CLEANED, Speaker.USER, metadata));

    assertThat(
            registry
                .get("cc.turns.completed")
                .tags("status", "cleaned", "role", "user", "level", "full")
                .counter()
                .count())
        .isEqualTo(2.0);
    assertThat(registry.get("cc.turn.processing.ms").tags("role", "user").summary().totalAmount())
        .isEqualTo(5.0);
    assertThat(registry.get("cc.cleaning.stage.ms").tags("stage", "evidence").summary().count())
        .isEqualTo(2);
    assertThat(registry.get("cc.cleaning.stage.ms").tags("stage", "filler").summary().totalAmount())
        .isEqualTo(0.5);
    assertThat(
            registry.get("cc.cleaning.corrections").tags("reason", "homophone").counter().count())
        .isEqualTo(2.0);
    assertThat(registry.get("cc.cleaning.corrections").tags("reason", "filler").counter().count())
        .isEqualTo(2.0);
    assertThat(registry.get("cc.cleaning.corrections").tags("reason", "other").counter().count())
        .isEqualTo(4.0);
  }

  @Test
  void aResultWithoutMetadataCountsAtLevelNoneAndTimesNothing() {
    meters.record(turn(TurnStatus.FAILED, Speaker.AI, null));

    assertThat(
            registry
                .get("cc.turns.completed")
                .tags("status", "failed", "role", "ai", "level", "none")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(registry.get("cc.turn.processing.ms").tags("role", "ai").summary().count()).isZero();
    assertThat(registry.find("cc.cleaning.stage.ms").meters()).isEmpty();
  }

  private static StoredTurn turn(TurnStatus status, Speaker role, JsonObject metadata) {
    return new StoredTurn(
        "t1",
        "c1",
        1,
        role.wireName(),
        role,
        "raw",
        "clean",
        status,
        null,
        metadata,
        null,
        0,
        null,
        null,
        null,
        List.of());
  }
}
