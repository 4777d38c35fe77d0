package io.cleanercontext.store;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A stored conversation as the store reads it; the API shapes its JSON.
 *
 * @param metadata the caller's metadata (a JSON column), never null
 * @param createdAt null only for a row that has none
 */
public record ConversationRow(
    UUID id,
    String tenant,
    String name,
    JsonObject metadata,
    int windowSize,
    long lastSeq,
    long turnCount,
    Instant createdAt,
    Instant updatedAt) {

  static ConversationRow of(Row row, long turnCount) {
    Object metadata = row.getValue("metadata");
    return new ConversationRow(
        row.getUUID("id"),
        row.getString("tenant"),
        row.getString("name"),
        metadata instanceof JsonObject json ? json : new JsonObject(),
        row.getInteger("window_size"),
        row.getLong("last_seq"),
        turnCount,
        instant(row.getOffsetDateTime("created_at")),
        instant(row.getOffsetDateTime("updated_at")));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
