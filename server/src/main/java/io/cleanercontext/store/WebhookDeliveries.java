package io.cleanercontext.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The sender's side of the webhook outbox: leasing due deliveries, recording each attempt, marking
 * an endpoint failing and disabling it. Rows are written by the {@code turns} trigger (migration
 * V20), by {@link ConversationCompletions} and by {@link WebhookDeliveryLog}.
 *
 * <p>A lease takes the head of each line (an endpoint and a conversation) that is due, with the
 * rest of its line behind it, so the sender can send a line in order. Other nodes skip leased rows
 * ({@code FOR UPDATE SKIP LOCKED} while leasing, {@code leased_until} after), and a line whose head
 * is pending is never entered further back, so no event overtakes the one before it. A node that
 * dies holding a lease loses it when {@code leased_until} passes: at least once, never lost.
 */
public final class WebhookDeliveries {
  private static final String LEASE =
      "WITH heads AS (SELECT d.endpoint_id, d.line_key FROM webhook_deliveries d"
          + " JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled"
          + " WHERE d.state = 'pending' AND d.next_attempt_at <= now()"
          + " AND (d.leased_until IS NULL OR d.leased_until < now())"
          + " AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.endpoint_id = d.endpoint_id"
          + " AND p.line_key = d.line_key AND p.state = 'pending' AND (p.seq, p.id) < (d.seq, d.id))"
          + " ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED),"
          + " run AS (SELECT r.id FROM heads h CROSS JOIN LATERAL (SELECT x.id FROM webhook_deliveries x"
          + " WHERE x.endpoint_id = h.endpoint_id AND x.line_key = h.line_key AND x.state = 'pending'"
          + " ORDER BY x.seq, x.id LIMIT $2) r)"
          + " UPDATE webhook_deliveries d SET leased_until = now() + make_interval(secs => $3::float8),"
          + " lease_owner = $4 FROM run, webhook_endpoints e"
          + " WHERE d.id = run.id AND e.id = d.endpoint_id"
          + " RETURNING d.id, d.message_id, d.endpoint_id, d.tenant, d.event_type, d.conversation_id,"
          + " d.turn_id, d.line_key, d.seq, d.payload, d.attempts, d.created_at, d.retry_from,"
          + " d.accepted_at, e.url, e.secret,"
          + " CASE WHEN e.previous_secret_expires_at > now() THEN e.previous_secret END AS previous_secret";
  private static final String RECORD =
      "WITH a AS (INSERT INTO webhook_attempts (delivery_id, attempt, status, error, latency_ms,"
          + " response_excerpt) VALUES ($1, $2, $3, $4, $5, $6)),"
          + " e AS (UPDATE webhook_endpoints SET failing_since = CASE WHEN $7 = 'delivered' THEN NULL"
          + " ELSE COALESCE(failing_since, now()) END WHERE id = $9"
          + " AND (($7 = 'delivered' AND failing_since IS NOT NULL)"
          + " OR ($7 <> 'delivered' AND failing_since IS NULL)))"
          + " UPDATE webhook_deliveries SET state = $7, attempts = $2, next_attempt_at = $8,"
          + " leased_until = NULL, lease_owner = NULL, last_status = $3, last_error = $4,"
          + " delivered_at = CASE WHEN $7 = 'delivered' THEN now() END WHERE id = $1";

  /**
   * After a failed head: the rest of its line (leased by us or queued since) waits for the head's
   * next attempt, so the due-scan of later polls does not walk a blocked line's backlog.
   */
  private static final String HOLD_LINE =
      "UPDATE webhook_deliveries SET leased_until = NULL, lease_owner = NULL,"
          + " next_attempt_at = GREATEST(next_attempt_at, $4)"
          + " WHERE endpoint_id = $1 AND line_key = $2 AND state = 'pending' AND id <> $3";

  /** The delivered ones of a line run, in one statement: their log rows and their new state. */
  private static final String RECORD_DELIVERED =
      "WITH a AS (INSERT INTO webhook_attempts (delivery_id, attempt, status, latency_ms,"
          + " response_excerpt) SELECT * FROM unnest($1::bigint[], $2::int[], $3::int[], $4::int[],"
          + " $5::text[])),"
          + " e AS (UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $6"
          + " AND failing_since IS NOT NULL)"
          + " UPDATE webhook_deliveries d SET state = 'delivered', attempts = u.attempt,"
          + " leased_until = NULL, lease_owner = NULL, last_status = u.status, last_error = NULL,"
          + " delivered_at = now() FROM unnest($1::bigint[], $2::int[], $3::int[])"
          + " AS u(id, attempt, status) WHERE d.id = u.id";

  private static final String DISABLE_IF_FAILING =
      "WITH off AS (UPDATE webhook_endpoints SET enabled = false, updated_at = now(),"
          + " disabled_reason = $2 WHERE id = $1 AND enabled"
          + " AND failing_since < now() - make_interval(secs => $3::float8)"
          + " RETURNING id, tenant, url, failing_since),"
          // A disabled endpoint's deliveries leave the due-scan until it is enabled again.
          + " held AS (UPDATE webhook_deliveries SET next_attempt_at = now() + interval '100 years'"
          + " WHERE endpoint_id IN (SELECT id FROM off) AND state = 'pending')"
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

  private final Pool pool;

  public WebhookDeliveries(Pool pool) {
    this.pool = pool;
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

  /** What one attempt came to. */
  public record Attempt(
      long deliveryId,
      UUID endpointId,
      int attempt,
      Integer status,
      String error,
      int latencyMs,
      String responseExcerpt,
      String state,
      Instant nextAttemptAt) {}

  /**
   * Leases up to {@code lines} due lines, each with up to {@code perLine} deliveries, for {@code
   * leaseMs}.
   */
  public Future<List<Leased>> lease(int lines, int perLine, long leaseMs, String owner) {
    return pool.preparedQuery(LEASE)
        .execute(Tuple.of(lines, perLine, leaseMs / 1000.0, owner))
        .map(
            rows -> {
              List<Leased> list = new ArrayList<>(rows.size());
              rows.forEach(row -> list.add(leased(row)));
              return list;
            });
  }

  public Future<Void> record(Attempt a) {
    return pool.preparedQuery(RECORD)
        .execute(
            Tuple.from(
                Arrays.asList(
                    a.deliveryId(),
                    a.attempt(),
                    a.status(),
                    a.error(),
                    a.latencyMs(),
                    a.responseExcerpt(),
                    a.state(),
                    OffsetDateTime.ofInstant(a.nextAttemptAt(), ZoneOffset.UTC),
                    a.endpointId())))
        .mapEmpty();
  }

  /** Records delivered attempts of one endpoint together (one statement for a run of its line). */
  public Future<Void> recordDelivered(UUID endpointId, List<Attempt> delivered) {
    if (delivered.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = delivered.size();
    Long[] ids = new Long[n];
    Integer[] attempts = new Integer[n];
    Integer[] statuses = new Integer[n];
    Integer[] latencies = new Integer[n];
    String[] excerpts = new String[n];
    for (int i = 0; i < n; i++) {
      Attempt a = delivered.get(i);
      ids[i] = a.deliveryId();
      attempts[i] = a.attempt();
      statuses[i] = a.status();
      latencies[i] = a.latencyMs();
      excerpts[i] = a.responseExcerpt();
    }
    return pool.preparedQuery(RECORD_DELIVERED)
        .execute(Tuple.of(ids, attempts, statuses, latencies, excerpts, endpointId))
        .mapEmpty();
  }

  /**
   * Gives back the line behind a failed delivery (not attempted, it stays behind it) and holds it
   * until that delivery's next attempt.
   */
  public Future<Void> holdLine(Leased failed, Instant nextAttempt) {
    return pool.preparedQuery(HOLD_LINE)
        .execute(
            Tuple.of(
                failed.endpointId(),
                failed.lineKey(),
                failed.id(),
                OffsetDateTime.ofInstant(nextAttempt, ZoneOffset.UTC)))
        .mapEmpty();
  }

  /**
   * Disables the endpoint when it has failed for longer than {@code failingMs} and queues an {@code
   * endpoint.disabled} event for the tenant's endpoints that want it; true when it did.
   */
  public Future<Boolean> disableIfFailing(UUID endpointId, long failingMs, String reason) {
    return pool.preparedQuery(DISABLE_IF_FAILING)
        .execute(Tuple.of(endpointId, reason, failingMs / 1000.0))
        .compose(v -> pool.preparedQuery(DISABLED).execute(Tuple.of(endpointId)))
        .map(rows -> rows.size() > 0 && !rows.iterator().next().getBoolean("enabled"));
  }

  /** Removes up to {@code limit} finished deliveries older than {@code retentionMs}; how many. */
  public Future<Integer> purge(long retentionMs, int limit) {
    return pool.preparedQuery(PURGE)
        .execute(Tuple.of(retentionMs / 1000.0, limit))
        .map(rows -> rows.rowCount());
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
        row.getUUID("endpoint_id"),
        row.getString("tenant"),
        row.getString("event_type"),
        row.getUUID("conversation_id"),
        row.getUUID("turn_id"),
        row.getUUID("line_key"),
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
