package io.cleanercontext.store;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A tenant's integration with a voice pipeline, as stored.
 *
 * @param source the platform's wire name ({@code deepgram}, {@code vapi}, ...)
 * @param secret what the platform's requests are verified with (never shown by the API)
 * @param speakers the platform's speakers mapped to speaker labels, never null
 * @param options the source's options, never null
 * @param publicUrl the URL the platform is configured to call, or null for the URL requested
 *     (Twilio signs the URL, which a proxy in front of the server may change)
 * @param cleaningLevel the level the integration's turns are cleaned at
 */
public record IntegrationRow(
    UUID id,
    String tenant,
    String source,
    String name,
    String secret,
    JsonObject speakers,
    JsonObject options,
    String publicUrl,
    String cleaningLevel,
    Instant createdAt,
    Instant updatedAt) {

  static IntegrationRow of(Row row) {
    return new IntegrationRow(
        row.getUUID("id"),
        row.getString("tenant"),
        row.getString("source"),
        row.getString("name"),
        row.getString("secret"),
        json(row.getValue("speakers")),
        json(row.getValue("options")),
        row.getString("public_url"),
        row.getString("cleaning_level"),
        instant(row.getOffsetDateTime("created_at")),
        instant(row.getOffsetDateTime("updated_at")));
  }

  private static JsonObject json(Object value) {
    return value instanceof JsonObject json ? json : new JsonObject();
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
