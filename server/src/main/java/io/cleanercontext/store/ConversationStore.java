package io.cleanercontext.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Conversations in PostgreSQL. All of its SQL is here. */
public final class ConversationStore {
  private static final String COLUMNS =
      "c.id, c.tenant, c.name, c.metadata, c.window_size, c.last_seq, c.created_at, c.updated_at";
  private static final String INSERT =
      "INSERT INTO conversations (id, name, metadata, window_size, tenant, keyterms)"
          + " VALUES ($1, $2, $3, $4, $5, $6)"
          + " RETURNING id, tenant, name, metadata, window_size, last_seq, created_at, updated_at";

  /**
   * The insert, only while the tenant has fewer than $7 conversations (counted on the index of
   * (tenant, created_at)); no row when it has that many. Concurrent creates of one tenant can each
   * see the count below the limit, so it may be passed by as many as run at once.
   */
  private static final String INSERT_WITHIN_QUOTA =
      "INSERT INTO conversations (id, name, metadata, window_size, tenant, keyterms)"
          + " SELECT $1, $2, $3, $4, $5, $6"
          + " WHERE (SELECT count(*) FROM conversations WHERE tenant = $5) < $7"
          + " RETURNING id, tenant, name, metadata, window_size, last_seq, created_at, updated_at";

  private static final String SELECT_ONE =
      "SELECT "
          + COLUMNS
          + ", (SELECT count(*) FROM turns t WHERE t.conversation_id = c.id) AS turn_count"
          + " FROM conversations c WHERE c.id = $1 AND c.tenant = $2";

  /** What a subscribe needs: one primary-key lookup, no count of the turns. */
  private static final String LAST_SEQ =
      "SELECT last_seq FROM conversations WHERE id = $1 AND tenant = $2";

  private static final String SELECT_PAGE =
      "SELECT "
          + COLUMNS
          + ", (SELECT count(*) FROM turns t WHERE t.conversation_id = c.id) AS turn_count"
          + " FROM conversations c WHERE c.tenant = $3 AND NOT c.metadata ? 'diagnostics' AND ($4::uuid[] IS NULL OR c.id = ANY($4))"
          + " ORDER BY c.created_at DESC, c.id LIMIT $1 OFFSET $2";

  /** Diagnostics runs' scratch conversations are not listed: they are not anyone's data. */
  private static final String COUNT =
      "SELECT count(*) FROM conversations c WHERE c.tenant = $1"
          + " AND NOT c.metadata ? 'diagnostics' AND ($2::uuid[] IS NULL OR c.id = ANY($2))";

  private static final String DELETE = "DELETE FROM conversations WHERE id = $1 AND tenant = $2";
  private static final String PERFORMANCE =
      "SELECT status, role, count(*) AS turns,"
          + " avg((metadata->>'processing_time_ms')::float8) AS avg_processing_ms,"
          + " max((metadata->>'processing_time_ms')::float8) AS max_processing_ms,"
          + " avg(extract(epoch FROM (processed_at - received_at)) * 1000) AS avg_end_to_end_ms,"
          + " percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM (processed_at - received_at)) * 1000) AS p99_end_to_end_ms"
          + " FROM turns WHERE conversation_id = $1 AND received_at >= COALESCE("
          + "(SELECT (metadata->>'queue_metrics_reset_at')::timestamptz FROM conversations WHERE id = $1), '-infinity')"
          + " AND EXISTS (SELECT 1 FROM conversations WHERE id = $1 AND tenant = $2)"
          + " GROUP BY status, role ORDER BY status, role";
  private static final String RESET_METRICS =
      "UPDATE conversations"
          + " SET metadata = metadata || jsonb_build_object('queue_metrics_reset_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'))"
          + " WHERE id = $1 AND tenant = $2 RETURNING metadata->>'queue_metrics_reset_at' AS reset_at";

  private static final String KEYTERMS =
      "SELECT keyterms FROM conversations WHERE id = $1 AND tenant = $2";

  /**
   * Replaced as a whole; the version tells cleaner shards holding older keyterms to read them
   * again.
   */
  private static final String REPLACE_KEYTERMS =
      "UPDATE conversations SET keyterms = $3,"
          + " keyterms_version = keyterms_version + 1, updated_at = now() WHERE id = $1 AND tenant = $2 RETURNING keyterms";

  /** What a cleaner shard loads: it has no tenant, only the conversation its queue routed to it. */
  private static final String SHARD_KEYTERMS =
      "SELECT keyterms, keyterms_version FROM conversations WHERE id = $1";

  private final Pool pool;

  public ConversationStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * @param keyterms already validated and normalised (see the API's {@code Keyterms})
   */
  public Future<ConversationRow> create(
      String tenant, String name, JsonObject metadata, int windowSize, List<String> keyterms) {
    return pool.preparedQuery(INSERT)
        .execute(
            Tuple.of(
                UUID.randomUUID(),
                name,
                metadata,
                windowSize,
                tenant,
                keyterms.toArray(String[]::new)))
        .map(rows -> ConversationRow.of(rows.iterator().next(), 0));
  }

  /**
   * Creates the conversation unless the tenant already has {@code maxPerTenant} (0: no limit): the
   * new row, or null when the tenant is at its quota.
   */
  public Future<ConversationRow> createWithinQuota(
      String tenant,
      String name,
      JsonObject metadata,
      int windowSize,
      List<String> keyterms,
      int maxPerTenant) {
    if (maxPerTenant <= 0) {
      return create(tenant, name, metadata, windowSize, keyterms);
    }
    return pool.preparedQuery(INSERT_WITHIN_QUOTA)
        .execute(
            Tuple.of(
                UUID.randomUUID(),
                name,
                metadata,
                windowSize,
                tenant,
                keyterms.toArray(String[]::new),
                maxPerTenant))
        .map(rows -> rows.size() == 0 ? null : ConversationRow.of(rows.iterator().next(), 0));
  }

  /** The conversation's last seq, or null when the tenant has no conversation with that id. */
  public Future<Long> lastSeq(String tenant, UUID id) {
    return pool.preparedQuery(LAST_SEQ)
        .execute(Tuple.of(id, tenant))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("last_seq"));
  }

  /** The tenant's conversation, or null when the tenant has none with that id. */
  public Future<ConversationRow> find(String tenant, UUID id) {
    return pool.preparedQuery(SELECT_ONE)
        .execute(Tuple.of(id, tenant))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return null;
              }
              Row row = rows.iterator().next();
              return ConversationRow.of(row, row.getLong("turn_count"));
            });
  }

  /** A page of the tenant's conversations; {@code only} (when not null) limits it to those ids. */
  public Future<ConversationPage> page(String tenant, Set<String> only, int limit, int offset) {
    UUID[] ids = only == null ? null : only.stream().map(UUID::fromString).toArray(UUID[]::new);
    Future<Long> total =
        pool.preparedQuery(COUNT)
            .execute(Tuple.tuple().addValue(tenant).addValue(ids))
            .map(rows -> rows.iterator().next().getLong(0));
    Future<List<ConversationRow>> items =
        pool.preparedQuery(SELECT_PAGE)
            .execute(Tuple.tuple().addValue(limit).addValue(offset).addValue(tenant).addValue(ids))
            .map(
                rows -> {
                  List<ConversationRow> page = new ArrayList<>(rows.size());
                  rows.forEach(row -> page.add(ConversationRow.of(row, row.getLong("turn_count"))));
                  return page;
                });
    return Future.all(total, items)
        .map(all -> new ConversationPage(items.result(), total.result(), limit, offset));
  }

  /**
   * The tenant's conversation's keyterms, or null when the tenant has no conversation with that id.
   */
  public Future<List<String>> keyterms(String tenant, UUID id) {
    return pool.preparedQuery(KEYTERMS)
        .execute(Tuple.of(id, tenant))
        .map(rows -> rows.size() == 0 ? null : keyterms(rows.iterator().next()));
  }

  /**
   * Replaces the conversation's keyterms and bumps their version, so the next turn accepted is
   * cleaned with them; returns them as stored, or null when the tenant has no such conversation.
   */
  public Future<List<String>> replaceKeyterms(String tenant, UUID id, List<String> keyterms) {
    return pool.preparedQuery(REPLACE_KEYTERMS)
        .execute(Tuple.of(id, tenant, keyterms.toArray(String[]::new)))
        .map(rows -> rows.size() == 0 ? null : keyterms(rows.iterator().next()));
  }

  /** A conversation's keyterms with the version they have, for the cleaner shard that owns it. */
  public record VersionedKeyterms(List<String> keyterms, int version) {
    public static final VersionedKeyterms NONE = new VersionedKeyterms(List.of(), 0);
  }

  /**
   * The conversation's keyterms and their version; {@link VersionedKeyterms#NONE} when it is gone.
   */
  public Future<VersionedKeyterms> versionedKeyterms(String conversationId) {
    return pool.preparedQuery(SHARD_KEYTERMS)
        .execute(Tuple.of(UUID.fromString(conversationId)))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return VersionedKeyterms.NONE;
              }
              Row row = rows.iterator().next();
              return new VersionedKeyterms(keyterms(row), row.getInteger("keyterms_version"));
            });
  }

  private static List<String> keyterms(Row row) {
    String[] array = row.getArrayOfStrings("keyterms");
    return array == null ? List.of() : List.of(array);
  }

  /** Deletes the conversation and (by cascade) its turns; false when it did not exist. */
  public Future<Boolean> delete(String tenant, UUID id) {
    return pool.preparedQuery(DELETE)
        .execute(Tuple.of(id, tenant))
        .map(rows -> rows.rowCount() > 0);
  }

  /** Per status and role: turn counts, processing and end-to-end times. */
  public Future<List<TurnPerformance>> performance(String tenant, UUID id) {
    return pool.preparedQuery(PERFORMANCE)
        .execute(Tuple.of(id, tenant))
        .map(
            rows -> {
              List<TurnPerformance> out = new ArrayList<>(rows.size());
              for (Row row : rows) {
                out.add(
                    new TurnPerformance(
                        row.getString("status"),
                        row.getString("role"),
                        row.getLong("turns"),
                        row.getDouble("avg_processing_ms"),
                        row.getDouble("max_processing_ms"),
                        row.getDouble("avg_end_to_end_ms"),
                        row.getDouble("p99_end_to_end_ms")));
              }
              return out;
            });
  }

  /**
   * Starts the conversation's queue metrics afresh; returns the reset time, or null if not found.
   */
  public Future<String> resetMetrics(String tenant, UUID id) {
    return pool.preparedQuery(RESET_METRICS)
        .execute(Tuple.of(id, tenant))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("reset_at"));
  }
}
