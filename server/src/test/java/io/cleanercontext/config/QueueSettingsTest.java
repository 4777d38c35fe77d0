package io.cleanercontext.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class QueueSettingsTest {

  @Test
  void defaultsAreTheInMemoryQueue() {
    QueueSettings queue = QueueSettings.from(new JsonObject());
    assertThat(queue)
        .isEqualTo(
            new QueueSettings(
                "memory",
                null,
                "cc:jobs:",
                16,
                false,
                1,
                64,
                512,
                3,
                200,
                15_000,
                30_000,
                10_000,
                10_000,
                30_000,
                86_400_000,
                600_000,
                100_000,
                500));
    assertThat(queue.redis()).isFalse();
  }

  @Test
  void overridesRoundTripAndDerivedSettings() {
    QueueSettings queue =
        QueueSettings.from(
            new JsonObject()
                .put("backend", "redis")
                .put("redis_url", "redis://127.0.0.1:6379")
                .put("redis_prefix", "cc:t:")
                .put("redis_pool_size", 4)
                .put("allow_memory_fallback", true)
                .put("worker_instances", 2)
                .put("max_attempts", 5)
                .put("retry_backoff_ms", 0)
                .put("claim_idle_ms", 1000)
                .put("max_backlog", 3));
    assertThat(queue.redis()).isTrue();
    assertThat(queue.redisPrefix()).isEqualTo("cc:t:");
    assertThat(queue.workerInstances()).isEqualTo(2);
    assertThat(queue.maxAttempts()).isEqualTo(5);
    assertThat(queue.retryBackoffMs()).isZero();
    assertThat(queue.claimIdleMs()).isEqualTo(1000);
    assertThat(queue.maxBacklog()).isEqualTo(3);
    assertThat(QueueSettings.from(queue.toJson())).isEqualTo(queue);
    assertThat(queue.onMemory().redis()).isFalse();
    assertThat(queue.onMemory().redisUrl()).isEqualTo(queue.redisUrl());
    assertThat(queue.withRedisPoolSize(1).redisPoolSize()).isEqualTo(1);
    assertThat(queue.withRedisPoolSize(1).maxBacklog()).isEqualTo(3);
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> QueueSettings.from(new JsonObject().put("backend", "kafka")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("queue.backend must be 'memory' or 'redis', not 'kafka'");
    assertThatThrownBy(() -> QueueSettings.from(new JsonObject().put("backend", "redis")))
        .hasMessage("queue.backend is 'redis' but no queue.redis_url (CC_REDIS_URL) is set");
    assertThatThrownBy(() -> QueueSettings.from(new JsonObject().put("worker_instances", 0)))
        .hasMessage("queue.worker_instances must be a number in [1, 64], not 0");
    assertThatThrownBy(() -> QueueSettings.from(new JsonObject().put("batch_size", 10_001)))
        .hasMessage("queue.batch_size must be a number in [1, 10000], not 10001");
    assertThatThrownBy(() -> QueueSettings.from(new JsonObject().put("max_attempts", 101)))
        .hasMessage("queue.max_attempts must be a number in [1, 100], not 101");
    assertThatThrownBy(() -> QueueSettings.from(new JsonObject().put("claim_idle_ms", 0)))
        .hasMessage("queue.claim_idle_ms must be a number >= 1, not 0");
    assertThatThrownBy(
            () -> QueueSettings.from(new JsonObject().put("allow_memory_fallback", "no")))
        .hasMessage("queue.allow_memory_fallback must be true or false, not no");
  }
}
