package io.cleanercontext.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * What the API shows and does with a tenant's deliveries: the recent ones of an endpoint, the log
 * of one delivery's attempts, a manual resend (of a dead letter, or again of a delivered one), and
 * a test event. Every statement is scoped by tenant.
 */
public final class WebhookDeliveryLog {
  private static final String COLUMNS =
      "d.id, d.message_id, d.endpoint_id, d.event_type, d.conversation_id, d.turn_id, d.seq,"
          + " d.state, d.attempts, d.next_attempt_at, d.last_status, d.last_error, d.created_at,"
          + " d.delivered_at, d.retry_from";
  private static final String RECENT =
      "SELECT "
          + COLUMNS
          + " FROM webhook_deliveries d WHERE d.tenant = $1 AND d.endpoint_id = $2"
          + " AND ($3::text IS NULL OR d.state = $3) AND ($4::bigint IS NULL OR d.id < $4)"
          + " ORDER BY d.id DESC LIMIT $5";
  private static final String ATTEMPTS =
      "SELECT a.attempt, a.status, a.error, a.latency_ms, a.response_excerpt, a.attempted_at"
          + " FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id"
          + " WHERE d.tenant = $1 AND d.id = $2 ORDER BY a.id";
  private static final String ONE =
      "SELECT " + COLUMNS + " FROM webhook_deliveries d WHERE d.tenant = $1 AND d.id = $2";
  private static final String RESEND =
      "UPDATE webhook_deliveries d SET state = 'pending', next_attempt_at = now(),"
          + " retry_from = now()"
          + " WHERE d.tenant = $1 AND d.id = $2 AND d.state <> 'pending' RETURNING "
          + COLUMNS;
  private static final String TEST =
      "INSERT INTO webhook_deliveries (message_id, endpoint_id, tenant, event_type, line_key,"
          + " payload) SELECT $3, e.id, e.tenant, 'webhook.test', gen_random_uuid(), $4"
          + " FROM webhook_endpoints e WHERE e.tenant = $1 AND e.id = $2 RETURNING "
          + COLUMNS.replace("d.", "");

  private final Pool pool;

  public WebhookDeliveryLog(Pool pool) {
    this.pool = pool;
  }

  /** The endpoint's deliveries, newest first, optionally of one state and before an id. */
  public Future<JsonArray> recent(
      String tenant, UUID endpointId, String state, Long before, int limit) {
    return pool.preparedQuery(RECENT)
        .execute(Tuple.of(tenant, endpointId, state, before, limit))
        .map(WebhookDeliveryLog::array);
  }

  /** The delivery with its attempts, or null when the tenant has no such delivery. */
  public Future<JsonObject> withAttempts(String tenant, long id) {
    return pool.preparedQuery(ONE)
        .execute(Tuple.of(tenant, id))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Future.succeededFuture(null);
              }
              JsonObject delivery = delivery(rows.iterator().next());
              return pool.preparedQuery(ATTEMPTS)
                  .execute(Tuple.of(tenant, id))
                  .map(
                      attempts -> {
                        JsonArray list = new JsonArray();
                        for (Row a : attempts) {
                          list.add(
                              new JsonObject()
                                  .put("attempt", a.getInteger("attempt"))
                                  .put("status", a.getInteger("status"))
                                  .put("error", a.getString("error"))
                                  .put("latency_ms", a.getInteger("latency_ms"))
                                  .put("response_excerpt", a.getString("response_excerpt"))
                                  .put(
                                      "attempted_at",
                                      WebhookEndpoints.text(a.getOffsetDateTime("attempted_at"))));
                        }
                        return delivery.put("attempts_log", list);
                      });
            });
  }

  /**
   * Sends the delivery again from now (a new retry window); null when the tenant has no such
   * delivery or it is still pending.
   */
  public Future<JsonObject> resend(String tenant, long id) {
    return pool.preparedQuery(RESEND).execute(Tuple.of(tenant, id)).map(WebhookDeliveryLog::first);
  }

  /** Queues a {@code webhook.test} event to the endpoint; null when the tenant has no such one. */
  public Future<JsonObject> test(
      String tenant, UUID endpointId, String messageId, JsonObject data) {
    return pool.preparedQuery(TEST)
        .execute(Tuple.of(tenant, endpointId, messageId, data))
        .map(WebhookDeliveryLog::first);
  }

  private static JsonObject first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : delivery(rows.iterator().next());
  }

  private static JsonArray array(RowSet<Row> rows) {
    JsonArray list = new JsonArray();
    rows.forEach(row -> list.add(delivery(row)));
    return list;
  }

  private static JsonObject delivery(Row row) {
    UUID conversation = row.getUUID("conversation_id");
    UUID turn = row.getUUID("turn_id");
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("message_id", row.getString("message_id"))
        .put("endpoint_id", row.getUUID("endpoint_id").toString())
        .put("event_type", row.getString("event_type"))
        .put("conversation_id", conversation == null ? null : conversation.toString())
        .put("turn_id", turn == null ? null : turn.toString())
        .put("seq", row.getLong("seq"))
        .put("state", row.getString("state"))
        .put("attempts", row.getInteger("attempts"))
        .put("next_attempt_at", WebhookEndpoints.text(row.getOffsetDateTime("next_attempt_at")))
        .put("last_status", row.getInteger("last_status"))
        .put("last_error", row.getString("last_error"))
        .put("created_at", WebhookEndpoints.text(row.getOffsetDateTime("created_at")))
        .put("delivered_at", WebhookEndpoints.text(row.getOffsetDateTime("delivered_at")))
        .put("retry_from", WebhookEndpoints.text(row.getOffsetDateTime("retry_from")));
  }
}
