package io.cleanercontext.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The webhook sender's lines (migration V21): a line is an endpoint and a conversation (or an event
 * of its own), with a row in {@code webhook_lines} exactly while it has pending deliveries (every
 * pending delivery puts its line there, by trigger, whatever wrote it).
 *
 * <p>Finding work reads lines, never the backlog: a lease takes due lines ({@code FOR UPDATE SKIP
 * LOCKED}, then {@code next_attempt_at} pushed to the end of the lease so other nodes skip them)
 * and, through the line index, the first pending deliveries of each, in order. A line is sent by
 * the one node holding it, so no event overtakes the one before it. A node that dies holding a
 * lease loses it when the lease's time passes: at least once, never lost. Attempts are recorded by
 * {@link WebhookDeliveries} before the line is given back.
 */
public final class WebhookLines {
  private static final String LEASE =
      "WITH due AS (SELECT l.endpoint_id, l.line_key FROM webhook_lines l"
          + " JOIN webhook_endpoints e ON e.id = l.endpoint_id AND e.enabled"
          + " WHERE l.next_attempt_at <= now() ORDER BY l.next_attempt_at LIMIT $1"
          + " FOR UPDATE OF l SKIP LOCKED),"
          + " leased AS (UPDATE webhook_lines l SET lease = $4,"
          + " next_attempt_at = now() + make_interval(secs => $3::float8) FROM due"
          + " WHERE l.endpoint_id = due.endpoint_id AND l.line_key = due.line_key"
          + " RETURNING l.endpoint_id, l.line_key, l.version)"
          + " SELECT leased.endpoint_id AS line_endpoint, leased.line_key AS line,"
          + " leased.version, d.id, d.message_id, d.tenant, d.event_type, d.conversation_id,"
          + " d.turn_id, d.seq, d.payload, d.attempts, d.created_at, d.retry_from, d.accepted_at,"
          + " e.url, e.secret,"
          + " CASE WHEN e.previous_secret_expires_at > now() THEN e.previous_secret END AS previous_secret"
          + " FROM leased JOIN webhook_endpoints e ON e.id = leased.endpoint_id"
          + " LEFT JOIN LATERAL (SELECT x.* FROM webhook_deliveries x"
          + " WHERE x.endpoint_id = leased.endpoint_id AND x.line_key = leased.line_key"
          + " AND x.state = 'pending' ORDER BY x.seq, x.id LIMIT $2) d ON true"
          + " ORDER BY leased.endpoint_id, leased.line_key, d.seq, d.id";

  /**
   * Gives leased lines back once their attempts are recorded. A line with no pending delivery is
   * removed, but only if its version is still the one leased (a delivery that joined meanwhile
   * bumped it). The others are due when their head is (now after a success or a dead letter, at the
   * retry after a failure), never while their endpoint is disabled.
   *
   * <p>It never waits for a lock: a line is locked for a moment by every result that adds a
   * delivery to it (the turns trigger bumps its version in the shard's multi-row result statement),
   * and waiting for those while holding other lines made deadlocks with them. A line locked now is
   * skipped ({@code retry}) and given back by the next batch; once that delivery has committed, its
   * line is not empty any more. One row per line given: {@code retry}, {@code due} (again at once).
   */
  private static final String RELEASE =
      "WITH u AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[])"
          + " AS u(endpoint_id, line_key, version, lease)),"
          + " locked AS (SELECT l.endpoint_id, l.line_key, l.version, u.version AS leased_version"
          + " FROM webhook_lines l JOIN u ON l.endpoint_id = u.endpoint_id"
          + " AND l.line_key = u.line_key AND l.lease = u.lease"
          + " ORDER BY l.endpoint_id, l.line_key FOR UPDATE OF l SKIP LOCKED),"
          + " gone AS (DELETE FROM webhook_lines l USING locked k WHERE l.endpoint_id = k.endpoint_id"
          + " AND l.line_key = k.line_key AND k.version = k.leased_version"
          + " AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.endpoint_id = l.endpoint_id"
          + " AND d.line_key = l.line_key AND d.state = 'pending')"
          + " RETURNING l.endpoint_id, l.line_key),"
          + " kept AS (UPDATE webhook_lines l SET lease = NULL, next_attempt_at = CASE WHEN e.enabled"
          + " THEN COALESCE((SELECT d.next_attempt_at FROM webhook_deliveries d"
          + " WHERE d.endpoint_id = l.endpoint_id AND d.line_key = l.line_key AND d.state = 'pending'"
          + " ORDER BY d.seq, d.id LIMIT 1), now()) ELSE 'infinity' END"
          + " FROM locked k JOIN webhook_endpoints e ON e.id = k.endpoint_id"
          + " WHERE l.endpoint_id = k.endpoint_id AND l.line_key = k.line_key"
          + " AND NOT EXISTS (SELECT 1 FROM gone g WHERE g.endpoint_id = k.endpoint_id"
          + " AND g.line_key = k.line_key)"
          + " RETURNING l.endpoint_id, l.line_key, l.next_attempt_at <= now() AS due)"
          + " SELECT u.endpoint_id, u.line_key,"
          + " NOT EXISTS (SELECT 1 FROM locked k WHERE k.endpoint_id = u.endpoint_id"
          + " AND k.line_key = u.line_key) AND EXISTS (SELECT 1 FROM webhook_lines l"
          + " WHERE l.endpoint_id = u.endpoint_id AND l.line_key = u.line_key AND l.lease = u.lease)"
          + " AS retry,"
          + " COALESCE((SELECT kept.due FROM kept WHERE kept.endpoint_id = u.endpoint_id"
          + " AND kept.line_key = u.line_key), false) AS due FROM u";

  private final SqlClient sql;

  /** On a pool, or on one connection (a test reads what a statement touched in its transaction). */
  public WebhookLines(SqlClient sql) {
    this.sql = sql;
  }

  /** A leased delivery with what sending it needs. */
  public record Leased(
      long id,
      String messageId,
      UUID endpointId,
      String tenant,
      String eventType,
      UUID conversationId,
      UUID turnId,
      UUID lineKey,
      long seq,
      JsonObject payload,
      int attempts,
      Instant createdAt,
      Instant retryFrom,
      Instant acceptedAt,
      String url,
      List<String> secrets) {}

  /**
   * A leased line: its first pending deliveries in order (none when its work was done meanwhile),
   * and what giving it back needs (the lease's token, the version seen).
   */
  public record Line(
      UUID endpointId, UUID lineKey, long version, String lease, List<Leased> deliveries) {}

  /**
   * Leases up to {@code lines} due lines, each with up to {@code perLine} of its pending
   * deliveries, for {@code leaseMs}, under the token {@code lease} (unique per lease).
   */
  public Future<List<Line>> lease(int lines, int perLine, long leaseMs, String lease) {
    return sql.preparedQuery(LEASE)
        .execute(Tuple.of(lines, perLine, leaseMs / 1000.0, lease))
        .map(
            rows -> {
              Map<String, Line> byLine = new LinkedHashMap<>();
              for (Row row : rows) {
                UUID endpoint = row.getUUID("line_endpoint");
                UUID key = row.getUUID("line");
                Line line =
                    byLine.computeIfAbsent(
                        endpoint + "/" + key,
                        k ->
                            new Line(
                                endpoint, key, row.getLong("version"), lease, new ArrayList<>()));
                if (row.getLong("id") != null) {
                  line.deliveries().add(leased(row));
                }
              }
              return List.copyOf(byLine.values());
            });
  }

  /** What giving lines back came to: the lines locked at that moment, to give back again. */
  public record Released(List<Line> retry, boolean due) {}

  /**
   * Gives leased lines back (after their attempts are recorded): removed when done, else due when
   * their head is. {@code due} when one of them is due again at once (more work queued behind).
   */
  public Future<Released> release(List<Line> lines) {
    if (lines.isEmpty()) {
      return Future.succeededFuture(new Released(List.of(), false));
    }
    int n = lines.size();
    UUID[] endpoints = new UUID[n];
    UUID[] keys = new UUID[n];
    Long[] versions = new Long[n];
    String[] leases = new String[n];
    Map<String, Line> byKey = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Line line = lines.get(i);
      endpoints[i] = line.endpointId();
      keys[i] = line.lineKey();
      versions[i] = line.version();
      leases[i] = line.lease();
      byKey.put(line.endpointId() + "/" + line.lineKey(), line);
    }
    return sql.preparedQuery(RELEASE)
        .execute(Tuple.of(endpoints, keys, versions, leases))
        .map(
            rows -> {
              List<Line> retry = new ArrayList<>();
              boolean due = false;
              for (Row row : rows) {
                if (Boolean.TRUE.equals(row.getBoolean("retry"))) {
                  retry.add(byKey.get(row.getUUID("endpoint_id") + "/" + row.getUUID("line_key")));
                }
                due |= Boolean.TRUE.equals(row.getBoolean("due"));
              }
              return new Released(retry, due);
            });
  }

  private static Leased leased(Row row) {
    List<String> secrets = new ArrayList<>(2);
    secrets.add(row.getString("secret"));
    if (row.getString("previous_secret") != null) {
      secrets.add(row.getString("previous_secret"));
    }
    Object payload = row.getValue("payload");
    OffsetDateTime accepted = row.getOffsetDateTime("accepted_at");
    return new Leased(
        row.getLong("id"),
        row.getString("message_id"),
        row.getUUID("line_endpoint"),
        row.getString("tenant"),
        row.getString("event_type"),
        row.getUUID("conversation_id"),
        row.getUUID("turn_id"),
        row.getUUID("line"),
        row.getLong("seq"),
        payload instanceof JsonObject json ? json : null,
        row.getInteger("attempts"),
        row.getOffsetDateTime("created_at").toInstant(),
        row.getOffsetDateTime("retry_from").toInstant(),
        accepted == null ? null : accepted.toInstant(),
        row.getString("url"),
        List.copyOf(secrets));
  }
}
