package io.cleanercontext.store;

import io.cleanercontext.contract.RecognizedWord;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Reads of stored turns: pages for the REST API, what a resuming subscriber missed, a
 * conversation's cleaned window and history, its counts by status. The pending turns' statements
 * are in {@link SubmissionInserts} (ingest) and {@link PendingTurns} (queue workers).
 */
public final class TurnStore {
  private static final String COLUMNS =
      "id, conversation_id, seq, speaker, role, raw_text, requested_level, status,"
          + " cleaned_text, metadata, error, attempts, received_at, created_at, processed_at, words";
  private static final String PAGE =
      "SELECT "
          + COLUMNS
          + " FROM turns WHERE conversation_id = $1 AND seq > $2"
          + " AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = $1 AND c.tenant = $4)"
          + " ORDER BY seq LIMIT $3";
  private static final String COMPLETED_SINCE =
      "SELECT "
          + COLUMNS
          + " FROM turns"
          + " WHERE conversation_id = $1 AND seq > $2 AND status <> 'pending'"
          + " AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = $1 AND c.tenant = $4)"
          + " ORDER BY seq LIMIT $3";
  private static final String ONE =
      "SELECT "
          + COLUMNS
          + " FROM turns WHERE id = $2 AND conversation_id = $1"
          + " AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = $1 AND c.tenant = $3)";
  private static final String HISTORY =
      "SELECT seq, role, status, cleaned_text FROM turns"
          + " WHERE conversation_id = $1 AND status <> 'pending' ORDER BY seq";
  private static final String CONTEXT =
      "SELECT "
          + COLUMNS
          + " FROM turns"
          + " WHERE conversation_id = $1 AND status = 'cleaned'"
          + " AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = $1 AND c.tenant = $2)"
          + " ORDER BY seq DESC"
          + " LIMIT (SELECT window_size FROM conversations WHERE id = $1)";
  private static final String STATUS_COUNTS =
      "SELECT status, count(*) AS turns FROM turns WHERE conversation_id = $1"
          + " AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = $1 AND c.tenant = $2)"
          + " GROUP BY status";

  private final Pool pool;

  public TurnStore(Pool pool) {
    this.pool = pool;
  }

  /** One completed turn of the history, oldest first, for rebuilding a conversation's state. */
  public record HistoryTurn(long seq, Speaker role, TurnStatus status, String cleanedText) {}

  /** A conversation's turns by status. */
  public record StatusCounts(long pending, long cleaned, long skipped, long failed) {}

  /** The tenant's conversation's turns after a seq, in order, at most {@code limit}. */
  public Future<List<StoredTurn>> page(
      String tenant, UUID conversationId, long sinceSeq, int limit) {
    return pool.preparedQuery(PAGE)
        .execute(Tuple.of(conversationId, sinceSeq, limit, tenant))
        .map(TurnStore::storedTurns);
  }

  /** The tenant's conversation's turn, or null. */
  public Future<StoredTurn> one(String tenant, UUID conversationId, UUID turnId) {
    return pool.preparedQuery(ONE)
        .execute(Tuple.of(conversationId, turnId, tenant))
        .map(rows -> rows.size() == 0 ? null : storedTurn(rows.iterator().next()));
  }

  /** Completed turns after a seq, in order: what a resuming subscriber missed. */
  public Future<List<StoredTurn>> completedSince(
      String tenant, UUID conversationId, long sinceSeq, int limit) {
    return pool.preparedQuery(COMPLETED_SINCE)
        .execute(Tuple.of(conversationId, sinceSeq, limit, tenant))
        .map(
            rows -> {
              List<StoredTurn> turns = new ArrayList<>(rows.size());
              rows.forEach(row -> turns.add(storedTurn(row)));
              return turns;
            });
  }

  public Future<List<HistoryTurn>> history(String conversationId) {
    return pool.preparedQuery(HISTORY)
        .execute(Tuple.of(UUID.fromString(conversationId)))
        .map(
            rows -> {
              List<HistoryTurn> list = new ArrayList<>(rows.size());
              for (Row row : rows) {
                list.add(
                    new HistoryTurn(
                        row.getLong("seq"),
                        Speaker.ofWire(row.getString("role")),
                        TurnStatus.of(row.getString("status")),
                        row.getString("cleaned_text")));
              }
              return list;
            });
  }

  /** The cleaned sliding window of a conversation, oldest first. */
  public Future<List<StoredTurn>> context(String tenant, UUID conversationId) {
    return pool.preparedQuery(CONTEXT)
        .execute(Tuple.of(conversationId, tenant))
        .map(
            rows -> {
              List<StoredTurn> window = storedTurns(rows);
              Collections.reverse(window);
              return window;
            });
  }

  public Future<StatusCounts> statusCounts(String tenant, UUID conversationId) {
    return pool.preparedQuery(STATUS_COUNTS)
        .execute(Tuple.of(conversationId, tenant))
        .map(
            rows -> {
              long[] counts = new long[4];
              for (Row row : rows) {
                int at =
                    switch (TurnStatus.of(row.getString("status"))) {
                      case PENDING -> 0;
                      case CLEANED -> 1;
                      case SKIPPED -> 2;
                      case FAILED -> 3;
                    };
                counts[at] = row.getLong("turns");
              }
              return new StatusCounts(counts[0], counts[1], counts[2], counts[3]);
            });
  }

  private static List<StoredTurn> storedTurns(RowSet<Row> rows) {
    List<StoredTurn> list = new ArrayList<>(rows.size());
    rows.forEach(row -> list.add(storedTurn(row)));
    return list;
  }

  /** A stored turn of a row; its words when the statement selected them. */
  static StoredTurn storedTurn(Row row) {
    Object metadata = row.getValue("metadata");
    Object words = row.getColumnIndex("words") >= 0 ? row.getValue("words") : null;
    return new StoredTurn(
        row.getUUID("id").toString(),
        row.getUUID("conversation_id").toString(),
        row.getLong("seq"),
        row.getString("speaker"),
        Speaker.ofWire(row.getString("role")),
        row.getString("raw_text"),
        row.getString("cleaned_text"),
        TurnStatus.of(row.getString("status")),
        row.getString("requested_level"),
        metadata instanceof JsonObject json ? json : null,
        row.getString("error"),
        row.getInteger("attempts"),
        row.getOffsetDateTime("received_at"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("processed_at"),
        words instanceof JsonArray array ? RecognizedWord.fromJson(array) : List.of());
  }
}
