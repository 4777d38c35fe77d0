package io.cleanercontext.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's webhook endpoints in PostgreSQL. Every statement is scoped by tenant, so one tenant
 * never reads nor changes another's. The secret leaves this class only on creation and rotation
 * ({@link #create}, {@link #rotate}) and for signing ({@code webhook} package).
 */
public final class WebhookEndpoints {
  private static final String COLUMNS =
      "id, tenant, url, description, events, enabled, disabled_reason, failing_since,"
          + " previous_secret_expires_at, created_at, updated_at";
  private static final String INSERT =
      "INSERT INTO webhook_endpoints (id, tenant, url, description, events, secret)"
          + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING "
          + COLUMNS;
  private static final String LIST =
      "SELECT " + COLUMNS + " FROM webhook_endpoints WHERE tenant = $1 ORDER BY created_at, id";
  private static final String ONE =
      "SELECT " + COLUMNS + " FROM webhook_endpoints WHERE tenant = $1 AND id = $2";
  private static final String UPDATE =
      "WITH e AS (UPDATE webhook_endpoints SET url = COALESCE($3, url),"
          + " description = COALESCE($4, description), events = COALESCE($5, events),"
          + " enabled = COALESCE($6, enabled),"
          + " disabled_reason = CASE WHEN $6 THEN NULL ELSE disabled_reason END,"
          + " failing_since = CASE WHEN $6 THEN NULL ELSE failing_since END, updated_at = now()"
          + " WHERE tenant = $1 AND id = $2 RETURNING "
          + COLUMNS
          // Disabled: its lines are never due; enabled: they are due now (a leased line is given
          // back so by the sender).
          + "), held AS (UPDATE webhook_lines SET next_attempt_at = CASE WHEN $6"
          + " THEN now() ELSE 'infinity' END"
          + " WHERE endpoint_id = (SELECT id FROM e) AND lease IS NULL AND $6 IS NOT NULL)"
          + " SELECT * FROM e";
  private static final String DELETE =
      "DELETE FROM webhook_endpoints WHERE tenant = $1 AND id = $2";
  private static final String ROTATE =
      "UPDATE webhook_endpoints SET previous_secret = secret,"
          + " previous_secret_expires_at = now() + make_interval(secs => $4::float8),"
          + " secret = $3, updated_at = now() WHERE tenant = $1 AND id = $2 RETURNING "
          + COLUMNS;

  private final Pool pool;

  public WebhookEndpoints(Pool pool) {
    this.pool = pool;
  }

  /** An endpoint as the API shows it (no secret). */
  public record Endpoint(
      UUID id,
      String tenant,
      String url,
      String description,
      List<String> events,
      boolean enabled,
      String disabledReason,
      OffsetDateTime failingSince,
      OffsetDateTime previousSecretExpiresAt,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt) {

    public JsonObject toJson() {
      return new JsonObject()
          .put("id", id.toString())
          .put("url", url)
          .put("description", description)
          .put("events", new io.vertx.core.json.JsonArray(new ArrayList<>(events)))
          .put("enabled", enabled)
          .put("disabled_reason", disabledReason)
          .put("failing_since", text(failingSince))
          .put("previous_secret_expires_at", text(previousSecretExpiresAt))
          .put("created_at", text(createdAt))
          .put("updated_at", text(updatedAt));
    }
  }

  public Future<Endpoint> create(
      String tenant, String url, String description, List<String> events, String secret) {
    return pool.preparedQuery(INSERT)
        .execute(
            Tuple.of(
                UUID.randomUUID(), tenant, url, description, events.toArray(String[]::new), secret))
        .map(rows -> endpoint(rows.iterator().next()));
  }

  public Future<List<Endpoint>> list(String tenant) {
    return pool.preparedQuery(LIST)
        .execute(Tuple.of(tenant))
        .map(
            rows -> {
              List<Endpoint> list = new ArrayList<>(rows.size());
              rows.forEach(row -> list.add(endpoint(row)));
              return list;
            });
  }

  /** The tenant's endpoint, or null. */
  public Future<Endpoint> find(String tenant, UUID id) {
    return pool.preparedQuery(ONE).execute(Tuple.of(tenant, id)).map(WebhookEndpoints::firstOrNull);
  }

  /** Changes what is given (null leaves a field); re-enabling clears the failure record. */
  public Future<Endpoint> update(
      String tenant, UUID id, String url, String description, List<String> events, Boolean on) {
    return pool.preparedQuery(UPDATE)
        .execute(
            Tuple.from(
                Arrays.asList(
                    tenant,
                    id,
                    url,
                    description,
                    events == null ? null : events.toArray(String[]::new),
                    on)))
        .map(WebhookEndpoints::firstOrNull);
  }

  public Future<Boolean> delete(String tenant, UUID id) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(tenant, id)).map(r -> r.rowCount() > 0);
  }

  /**
   * A new secret; the old one is still signed with for {@code overlapSeconds}, so receivers can
   * switch without refusing a message.
   */
  public Future<Endpoint> rotate(String tenant, UUID id, String secret, long overlapSeconds) {
    return pool.preparedQuery(ROTATE)
        .execute(Tuple.of(tenant, id, secret, (double) overlapSeconds))
        .map(WebhookEndpoints::firstOrNull);
  }

  private static Endpoint firstOrNull(io.vertx.sqlclient.RowSet<Row> rows) {
    return rows.size() == 0 ? null : endpoint(rows.iterator().next());
  }

  private static Endpoint endpoint(Row row) {
    return new Endpoint(
        row.getUUID("id"),
        row.getString("tenant"),
        row.getString("url"),
        row.getString("description"),
        List.of(row.getArrayOfStrings("events")),
        row.getBoolean("enabled"),
        row.getString("disabled_reason"),
        row.getOffsetDateTime("failing_since"),
        row.getOffsetDateTime("previous_secret_expires_at"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"));
  }

  static String text(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
