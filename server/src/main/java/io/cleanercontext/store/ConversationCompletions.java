package io.cleanercontext.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * The end of a call. {@link #request} records that a conversation is complete (the REST route, a
 * platform's end-of-call message, the idle timeout) with the last seq accepted at that moment;
 * {@link #fireReady} then, once every turn up to that seq has left 'pending', marks it completed
 * and, in the same statement, queues one {@code conversation.completed} delivery per endpoint of
 * the tenant that wants it. Both are idempotent: a call ends once.
 */
public final class ConversationCompletions {
  private static final String REQUEST =
      "UPDATE conversations SET completion_requested_at = now(), completion_seq = last_seq,"
          + " completion_reason = $3 WHERE id = $1 AND tenant = $2"
          + " AND completion_requested_at IS NULL";
  private static final String STATE =
      "SELECT c.completion_requested_at, c.completion_seq, c.completion_reason, c.completed_at,"
          + " (SELECT count(*) FROM turns t WHERE t.conversation_id = c.id AND t.status = 'pending'"
          + " AND t.seq <= c.completion_seq) AS waiting"
          + " FROM conversations c WHERE c.id = $1 AND c.tenant = $2";
  private static final String FIRE_READY =
      "WITH ready AS (SELECT c.id FROM conversations c"
          + " WHERE c.completion_requested_at IS NOT NULL AND c.completed_at IS NULL"
          + " AND NOT EXISTS (SELECT 1 FROM turns t WHERE t.conversation_id = c.id"
          + " AND t.status = 'pending' AND t.seq <= c.completion_seq)"
          + " ORDER BY c.completion_requested_at LIMIT $1 FOR UPDATE SKIP LOCKED),"
          + " done AS (UPDATE conversations c SET completed_at = now() FROM ready"
          + " WHERE c.id = ready.id RETURNING c.id, c.tenant, c.completion_seq,"
          + " c.completion_reason, c.completion_requested_at),"
          + " queued AS (INSERT INTO webhook_deliveries (message_id, endpoint_id, tenant, event_type,"
          + " conversation_id, line_key, seq, accepted_at, payload)"
          + " SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), e.id, e.tenant,"
          + " 'conversation.completed', done.id, done.id, done.completion_seq,"
          + " done.completion_requested_at, jsonb_build_object('reason', done.completion_reason)"
          + " FROM done JOIN webhook_endpoints e ON e.tenant = done.tenant AND e.enabled"
          + " AND 'conversation.completed' = ANY (e.events) RETURNING 1)"
          + " SELECT (SELECT count(*) FROM done) AS completed";
  private static final String IDLE =
      "UPDATE conversations SET completion_requested_at = now(), completion_seq = last_seq,"
          + " completion_reason = 'idle_timeout' WHERE id IN (SELECT id FROM conversations"
          + " WHERE completion_requested_at IS NULL AND last_seq > 0"
          + " AND updated_at < now() - make_interval(secs => $1::float8)"
          // a call whose platform still holds segments of an utterance is not idle: they become
          // a turn when it ends, and the completion must count it
          + " AND NOT EXISTS (SELECT 1 FROM utterance_segments s"
          + " WHERE s.conversation_id = conversations.id AND NOT s.submitted) LIMIT $2)";

  /** Why a call ended, as the event says. */
  public static final String BY_REQUEST = "requested";

  public static final String BY_PLATFORM = "platform_end_of_call";

  private final Pool pool;

  public ConversationCompletions(Pool pool) {
    this.pool = pool;
  }

  /**
   * Records that the tenant's conversation is complete (a second request changes nothing) and
   * answers its completion state, or null when the tenant has no such conversation. Adapters call
   * this with {@link #BY_PLATFORM} on a platform's end-of-call message.
   */
  public Future<JsonObject> request(String tenant, UUID id, String reason) {
    return pool.preparedQuery(REQUEST)
        .execute(Tuple.of(id, tenant, reason))
        .compose(v -> state(tenant, id));
  }

  /** {@code {requested_at, completion_seq, reason, completed_at, waiting_turns}} or null. */
  public Future<JsonObject> state(String tenant, UUID id) {
    return pool.preparedQuery(STATE)
        .execute(Tuple.of(id, tenant))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return null;
              }
              Row r = rows.iterator().next();
              return new JsonObject()
                  .put("conversation_id", id.toString())
                  .put(
                      "requested_at",
                      WebhookEndpoints.text(r.getOffsetDateTime("completion_requested_at")))
                  .put("completion_seq", r.getLong("completion_seq"))
                  .put("reason", r.getString("completion_reason"))
                  .put("completed_at", WebhookEndpoints.text(r.getOffsetDateTime("completed_at")))
                  .put("waiting_turns", r.getLong("waiting"));
            });
  }

  /** Completes up to {@code limit} conversations whose turns are all done; how many it did. */
  public Future<Long> fireReady(int limit) {
    return pool.preparedQuery(FIRE_READY)
        .execute(Tuple.of(limit))
        .map(rows -> rows.iterator().next().getLong("completed"));
  }

  /** Requests completion of up to {@code limit} conversations idle for {@code idleMs}; how many. */
  public Future<Integer> completeIdle(long idleMs, int limit) {
    return pool.preparedQuery(IDLE)
        .execute(Tuple.of(idleMs / 1000.0, limit))
        .map(rows -> rows.rowCount());
  }
}
