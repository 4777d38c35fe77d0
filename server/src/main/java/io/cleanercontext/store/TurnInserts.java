package io.cleanercontext.store;

import io.cleanercontext.contract.RecognizedWord;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.store.SubmissionInserts.Accepted;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The statements that store submitted turns as pending, each taking its seq under the
 * conversation's row lock. Used by {@link SubmissionInserts}, inside or outside its transaction.
 */
final class TurnInserts {
  /**
   * One statement: takes the next seq under the conversation's row lock and stores the turn as
   * pending.
   */
  private static final String INSERT_PENDING =
      "WITH c AS ("
          + " UPDATE conversations SET last_seq = last_seq + 1, updated_at = now(), window_size = COALESCE($7, window_size)"
          + " WHERE id = $2 AND tenant = $10 RETURNING id, last_seq, window_size, keyterms_version)"
          + " INSERT INTO turns (id, conversation_id, seq, speaker, role, raw_text, requested_level, window_size, reply_to,"
          + " received_at, keyterms_version, words)"
          + " SELECT $1, c.id, c.last_seq, $3, $4, $5, $6, c.window_size, $8, $9, c.keyterms_version, $11::text::jsonb FROM c"
          + " RETURNING seq, created_at, window_size, keyterms_version";

  /**
   * The same for many turns in one statement, when none of them sets the window: each
   * conversation's row is locked once (in id order, so concurrent batches cannot deadlock) and
   * moved on by its number of turns, which take the seqs after it in arrival order ({@code ord}).
   * One statement instead of one per turn: PostgreSQL starts one executor, checks the table's
   * constraints once and sends one result (docs/PERFORMANCE.md, fourth round).
   */
  static final String INSERT_PENDING_MANY =
      "WITH i AS (SELECT * FROM unnest($1::uuid[], $2::uuid[],"
          + " $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::text[])"
          + " WITH ORDINALITY"
          + " AS i(id, conversation_id, speaker, role, raw_text, requested_level, reply_to, received_at, tenant, words, ord)),"
          + " n AS (SELECT conversation_id, tenant, count(*) AS turns FROM i GROUP BY conversation_id, tenant),"
          + " l AS (SELECT c.id, n.turns FROM conversations c JOIN n ON c.id = n.conversation_id AND c.tenant = n.tenant"
          + " ORDER BY c.id FOR NO KEY UPDATE OF c),"
          + " c AS (UPDATE conversations SET last_seq = last_seq + l.turns, updated_at = now() FROM l"
          + " WHERE conversations.id = l.id"
          + " RETURNING conversations.id, conversations.tenant, conversations.last_seq - l.turns AS base,"
          + " conversations.window_size, conversations.keyterms_version)"
          + " INSERT INTO turns (id, conversation_id, seq, speaker, role, raw_text, requested_level, window_size, reply_to,"
          + " received_at, keyterms_version, words)"
          + " SELECT i.id, i.conversation_id, c.base + row_number() OVER (PARTITION BY i.conversation_id ORDER BY i.ord),"
          + " i.speaker, i.role, i.raw_text, i.requested_level, c.window_size, i.reply_to, i.received_at, c.keyterms_version,"
          + " i.words::jsonb"
          + " FROM i JOIN c ON c.id = i.conversation_id AND c.tenant = i.tenant"
          + " RETURNING id, seq, created_at, window_size, keyterms_version";

  private TurnInserts() {}

  /**
   * Stores many turns in one round trip and one transaction (a pipelined batch ends with a single
   * Sync, so PostgreSQL runs it as one implicit transaction: all stored or none, one commit). Rows
   * are written in conversation order so that concurrent batches take the conversations' row locks
   * in the same order and cannot deadlock. Results are in the order of {@code submissions}, null
   * where the submitter's tenant has no such conversation.
   */
  static Future<List<Accepted>> insertPending(SqlClient client, List<TurnSubmission> submissions) {
    if (submissions.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    if (submissions.size() > 1 && submissions.stream().allMatch(s -> s.windowSize() == null)) {
      return insertPendingMany(client, submissions);
    }
    Integer[] order = new Integer[submissions.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Stable: turns of one conversation keep their arrival order, hence their seq order.
    Arrays.sort(order, Comparator.comparing(i -> submissions.get(i).conversationId()));
    List<Tuple> batch = new ArrayList<>(order.length);
    for (int i : order) {
      batch.add(pendingParams(submissions.get(i)));
    }
    return client
        .preparedQuery(INSERT_PENDING)
        .executeBatch(batch)
        .map(
            first -> {
              List<Accepted> accepted =
                  new ArrayList<>(Collections.nCopies(order.length, (Accepted) null));
              int k = 0;
              for (RowSet<Row> rows = first;
                  rows != null && k < order.length;
                  rows = rows.next(), k++) {
                accepted.set(order[k], rows.size() == 0 ? null : accepted(rows.iterator().next()));
              }
              return accepted;
            });
  }

  private static Tuple pendingParams(TurnSubmission s) {
    return Tuple.of(
            UUID.fromString(s.turnId()),
            UUID.fromString(s.conversationId()),
            s.speaker(),
            s.role().wireName(),
            s.rawText(),
            s.cleaningLevel())
        .addValue(s.windowSize())
        .addValue(s.replyTo())
        .addValue(receivedAt(s))
        .addValue(s.tenant())
        .addValue(words(s));
  }

  /** The recogniser's words of a turn from a voice pipeline as JSON text, or null. */
  private static String words(TurnSubmission s) {
    JsonArray words = RecognizedWord.toJson(s.words());
    return words == null ? null : words.encode();
  }

  private static OffsetDateTime receivedAt(TurnSubmission s) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(s.receivedAt()), ZoneOffset.UTC);
  }

  private static Accepted accepted(Row row) {
    return new Accepted(
        row.getLong("seq"),
        row.getOffsetDateTime("created_at"),
        row.getInteger("window_size"),
        row.getInteger("keyterms_version"));
  }

  /**
   * {@link #insertPending} in one statement, for turns that keep their conversations' windows. A
   * turn id given twice fails the statement (the coalescer then retries each request alone), as the
   * per-turn batch does.
   */
  private static Future<List<Accepted>> insertPendingMany(
      SqlClient client, List<TurnSubmission> submissions) {
    int n = submissions.size();
    UUID[] ids = new UUID[n];
    UUID[] conversations = new UUID[n];
    String[] speakers = new String[n];
    String[] roles = new String[n];
    String[] texts = new String[n];
    String[] levels = new String[n];
    String[] replyTo = new String[n];
    OffsetDateTime[] receivedAt = new OffsetDateTime[n];
    String[] tenants = new String[n];
    String[] words = new String[n];
    for (int i = 0; i < n; i++) {
      TurnSubmission s = submissions.get(i);
      ids[i] = UUID.fromString(s.turnId());
      conversations[i] = UUID.fromString(s.conversationId());
      speakers[i] = s.speaker();
      roles[i] = s.role().wireName();
      texts[i] = s.rawText();
      levels[i] = s.cleaningLevel();
      replyTo[i] = s.replyTo();
      receivedAt[i] = receivedAt(s);
      tenants[i] = s.tenant();
      words[i] = words(s);
    }
    Tuple params =
        Tuple.of(ids, conversations, speakers, roles, texts, levels, replyTo, receivedAt, tenants)
            .addValue(words);
    return client
        .preparedQuery(INSERT_PENDING_MANY)
        .execute(params)
        .map(
            rows -> {
              Map<UUID, Accepted> byId = new HashMap<>(rows.size() * 2);
              for (Row row : rows) {
                byId.put(row.getUUID("id"), accepted(row));
              }
              List<Accepted> accepted = new ArrayList<>(n);
              for (UUID id : ids) {
                accepted.add(byId.get(id)); // null: not the submitter's conversation
              }
              return accepted;
            });
  }
}
