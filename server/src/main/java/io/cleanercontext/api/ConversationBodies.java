package io.cleanercontext.api;

import io.cleanercontext.store.ConversationPage;
import io.cleanercontext.store.ConversationRow;
import io.cleanercontext.store.TurnPerformance;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** The REST JSON of conversations, built from the store's records. */
final class ConversationBodies {
  private ConversationBodies() {}

  static JsonObject of(ConversationRow c) {
    return new JsonObject()
        .put("id", c.id().toString())
        .put("tenant", c.tenant())
        .put("name", c.name())
        .put("metadata", c.metadata())
        .put("sliding_window_size", c.windowSize())
        .put("last_seq", c.lastSeq())
        .put("turn_count", c.turnCount())
        .put("created_at", iso(c.createdAt()))
        .put("updated_at", iso(c.updatedAt()));
  }

  static JsonObject page(ConversationPage page) {
    JsonArray items = new JsonArray();
    page.items().forEach(c -> items.add(of(c)));
    return new JsonObject()
        .put("items", items)
        .put("total", page.total())
        .put("limit", page.limit())
        .put("offset", page.offset());
  }

  static JsonArray performance(List<TurnPerformance> rows) {
    JsonArray array = new JsonArray();
    for (TurnPerformance p : rows) {
      array.add(
          new JsonObject()
              .put("status", p.status())
              .put("role", p.role())
              .put("turns", p.turns())
              .put("avg_processing_ms", p.avgProcessingMs())
              .put("max_processing_ms", p.maxProcessingMs())
              .put("avg_end_to_end_ms", p.avgEndToEndMs())
              .put("p99_end_to_end_ms", p.p99EndToEndMs()));
    }
    return array;
  }

  private static String iso(Instant time) {
    return time == null ? null : time.toString();
  }
}
