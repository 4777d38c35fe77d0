package io.cleanercontext.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A published turn event reaches every consumer of its node as the same object (no copy per
 * consumer), and crosses to another node as JSON.
 */
@ExtendWith(VertxExtension.class)
class TurnEventsPublishTest {
  private static JsonObject event() {
    return TurnEvents.of(
        new StoredTurn(
            "t",
            "c",
            7,
            "User",
            Speaker.USER,
            "raw",
            "clean",
            TurnStatus.CLEANED,
            "full",
            new JsonObject().put("corrections", new io.vertx.core.json.JsonArray()),
            null,
            0,
            OffsetDateTime.parse("2026-12-06T12:00:00Z"),
            OffsetDateTime.parse("2026-12-06T12:00:00Z"),
            OffsetDateTime.parse("2026-12-06T12:00:01Z"),
            List.of()));
  }

  @Test
  void localConsumersShareThePublishedEvent(Vertx vertx) throws Exception {
    TurnEvents.register(vertx);
    TurnEvents.register(vertx); // a second verticle of the same instance
    CompletableFuture<JsonObject> first = new CompletableFuture<>();
    CompletableFuture<JsonObject> second = new CompletableFuture<>();
    vertx.eventBus().<JsonObject>consumer("test.turns", m -> first.complete(m.body()));
    vertx.eventBus().<JsonObject>consumer("test.turns", m -> second.complete(m.body()));
    JsonObject event = event();

    vertx.eventBus().publish("test.turns", event, TurnEvents.PUBLISH);

    assertThat(first.get(10, TimeUnit.SECONDS)).isSameAs(event);
    assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(event);
  }

  @Test
  void anotherNodeReceivesTheEventAsJson() {
    MessageCodec<JsonObject, JsonObject> codec = new TurnEvents.Shared();
    JsonObject event = event();
    Buffer wire = Buffer.buffer().appendString("header");

    codec.encodeToWire(wire, event);

    JsonObject received = codec.decodeFromWire("header".length(), wire);
    assertThat(received).isEqualTo(event).isNotSameAs(event);
  }

  @Test
  void anEventCarriesTheStoredTurnAndItsArrivalInEpochMilliseconds() {
    JsonObject event = event();

    assertThat(event.getString("type")).isEqualTo(TurnEvents.TURN_CLEANED);
    assertThat(event.getString("conversation_id")).isEqualTo("c");
    assertThat(event.getLong("seq")).isEqualTo(7L);
    assertThat(event.getLong("received_at_ms"))
        .isEqualTo(java.time.Instant.parse("2026-12-06T12:00:00Z").toEpochMilli());
    assertThat(event.getJsonObject("turn").getString("received_at"))
        .isEqualTo("2026-12-06T12:00:00Z");
    assertThat(event.getJsonObject("turn").getString("cleaned_text")).isEqualTo("clean");
  }
}
