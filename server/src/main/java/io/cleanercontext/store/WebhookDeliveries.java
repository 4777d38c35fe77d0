package io.cleanercontext.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The sender's records in the webhook outbox: each attempt (log row, the delivery's new state, the
 * endpoint's failure record), disabling an endpoint that has failed too long, and removing old
 * finished deliveries. Deliveries are written by the {@code turns} trigger (migration V20), by
 * {@link ConversationCompletions} and by {@link WebhookDeliveryLog}; the sender finds and leases
 * them through {@link WebhookLines}.
 */
public final class WebhookDeliveries {
  /**
   * Attempts of any lines in one statement: their log rows, the deliveries' new state, and the
   * endpoints' failure record (cleared by a success, started by a failure of an endpoint with no
   * success in the batch).
   */
  private static final String RECORD =
      "WITH u AS (SELECT * FROM unnest($1::bigint[], $2::int[], $3::int[], $4::text[], $5::int[],"
          + " $6::text[], $7::text[], $8::timestamptz[])"
          + " AS u(id, attempt, status, error, latency_ms, excerpt, state, next_attempt_at)),"
          + " a AS (INSERT INTO webhook_attempts (delivery_id, attempt, status, error, latency_ms,"
          + " response_excerpt) SELECT id, attempt, status, error, latency_ms, excerpt FROM u),"
          + " ok AS (UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ANY($9::uuid[])"
          + " AND failing_since IS NOT NULL),"
          + " bad AS (UPDATE webhook_endpoints SET failing_since = now() WHERE id = ANY($10::uuid[])"
          + " AND failing_since IS NULL)"
          + " UPDATE webhook_deliveries d SET state = u.state, attempts = u.attempt,"
          + " next_attempt_at = COALESCE(u.next_attempt_at, d.next_attempt_at),"
          + " last_status = u.status, last_error = u.error,"
          + " delivered_at = CASE WHEN u.state = 'delivered' THEN now() END FROM u WHERE d.id = u.id";

  private static final String DISABLE_IF_FAILING =
      "WITH off AS (UPDATE webhook_endpoints SET enabled = false, updated_at = now(),"
          + " disabled_reason = $2 WHERE id = $1 AND enabled"
          + " AND failing_since < now() - make_interval(secs => $3::float8)"
          + " RETURNING id, tenant, url, failing_since),"
          // A disabled endpoint's lines are not due until it is enabled again (a leased one is
          // given back so by RELEASE).
          + " held AS (UPDATE webhook_lines SET next_attempt_at = 'infinity'"
          + " WHERE endpoint_id IN (SELECT id FROM off) AND lease IS NULL)"
          + " INSERT INTO webhook_deliveries (message_id, endpoint_id, tenant, event_type, line_key,"
          + " payload) SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), e.id, e.tenant,"
          + " 'endpoint.disabled', gen_random_uuid(), jsonb_build_object('endpoint_id', off.id,"
          + " 'url', off.url, 'failing_since', off.failing_since, 'reason', $2::text)"
          + " FROM off JOIN webhook_endpoints e ON e.tenant = off.tenant AND e.enabled"
          + " AND 'endpoint.disabled' = ANY (e.events)";

  /**
   * The oldest finished deliveries past the retention (their attempts go with them, ON DELETE
   * CASCADE). Ids grow with time, so the primary key finds the oldest first without an index of its
   * own; a pending delivery is never removed.
   */
  private static final String PURGE =
      "DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries"
          + " WHERE created_at < now() - make_interval(secs => $1::float8) AND state <> 'pending'"
          + " ORDER BY id LIMIT $2)";

  private static final String DISABLED = "SELECT enabled FROM webhook_endpoints WHERE id = $1";

  private final SqlClient sql;

  /** On a pool, or on one connection (a test reads what a statement touched in its transaction). */
  public WebhookDeliveries(SqlClient sql) {
    this.sql = sql;
  }

  /** What one attempt came to; {@code nextAttemptAt} is null for a delivered one. */
  public record Attempt(
      long deliveryId,
      UUID endpointId,
      int attempt,
      Integer status,
      String error,
      int latencyMs,
      String responseExcerpt,
      String state,
      Instant nextAttemptAt) {

    public boolean delivered() {
      return DELIVERED.equals(state);
    }
  }

  /** The state of a delivery the receiver accepted. */
  public static final String DELIVERED = "delivered";

  /** Records attempts, of any lines, in one statement. */
  public Future<Void> record(List<Attempt> attempts) {
    if (attempts.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = attempts.size();
    Long[] ids = new Long[n];
    Integer[] numbers = new Integer[n];
    Integer[] statuses = new Integer[n];
    String[] errors = new String[n];
    Integer[] latencies = new Integer[n];
    String[] excerpts = new String[n];
    String[] states = new String[n];
    OffsetDateTime[] next = new OffsetDateTime[n];
    Set<UUID> succeeded = new LinkedHashSet<>();
    Set<UUID> failed = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      Attempt a = attempts.get(i);
      ids[i] = a.deliveryId();
      numbers[i] = a.attempt();
      statuses[i] = a.status();
      errors[i] = a.error();
      latencies[i] = a.latencyMs();
      excerpts[i] = a.responseExcerpt();
      states[i] = a.state();
      next[i] =
          a.nextAttemptAt() == null
              ? null
              : OffsetDateTime.ofInstant(a.nextAttemptAt(), ZoneOffset.UTC);
      (a.delivered() ? succeeded : failed).add(a.endpointId());
    }
    failed.removeAll(succeeded);
    return sql.preparedQuery(RECORD)
        .execute(
            Tuple.of(
                ids,
                numbers,
                statuses,
                errors,
                latencies,
                excerpts,
                states,
                next,
                succeeded.toArray(UUID[]::new),
                failed.toArray(UUID[]::new)))
        .mapEmpty();
  }

  /**
   * Disables the endpoint when it has failed for longer than {@code failingMs} and queues an {@code
   * endpoint.disabled} event for the tenant's endpoints that want it; true when it is disabled.
   */
  public Future<Boolean> disableIfFailing(UUID endpointId, long failingMs, String reason) {
    return sql.preparedQuery(DISABLE_IF_FAILING)
        .execute(Tuple.of(endpointId, reason, failingMs / 1000.0))
        .compose(v -> sql.preparedQuery(DISABLED).execute(Tuple.of(endpointId)))
        .map(rows -> rows.size() > 0 && !rows.iterator().next().getBoolean("enabled"));
  }

  /** Removes up to {@code limit} finished deliveries older than {@code retentionMs}; how many. */
  public Future<Integer> purge(long retentionMs, int limit) {
    return sql.preparedQuery(PURGE)
        .execute(Tuple.of(retentionMs / 1000.0, limit))
        .map(rows -> rows.rowCount());
  }
}
