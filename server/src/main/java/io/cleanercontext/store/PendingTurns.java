package io.cleanercontext.store;

import io.cleanercontext.contract.CleanedTurn;
import io.cleanercontext.contract.RecognizedWord;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnStatus;
import io.cleanercontext.contract.TurnToClean;
import io.cleanercontext.privacy.RawTextPolicy;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The queue workers' statements on pending turns: read them, record their results (leaving
 * 'pending' in the same statement), count failed attempts, find the conversations that still have
 * some.
 */
public final class PendingTurns {
  /**
   * Pending turns of many conversations, each after one seq and up to another, in order: the
   * worker's coalesced reads. The lower bound starts the index scan at the first turn that can
   * still be pending, instead of at the conversation's first turn, past entries of turns no longer
   * pending that VACUUM has not removed yet.
   */
  static final String PENDING_UP_TO_MANY =
      "SELECT j.ord, t.id, t.seq, t.role, t.raw_text, t.requested_level,"
          + " t.window_size, t.keyterms_version, t.reply_to, t.received_at, t.words"
          + " FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) WITH ORDINALITY AS j(conversation_id, after_seq, up_to, ord)"
          + " CROSS JOIN LATERAL (SELECT id, seq, role, raw_text, requested_level, window_size, keyterms_version, reply_to,"
          + " received_at, words"
          + " FROM turns WHERE conversation_id = j.conversation_id AND status = 'pending' AND seq > j.after_seq"
          + " AND seq <= j.up_to ORDER BY seq LIMIT $4) t ORDER BY j.ord, t.seq";

  /*
   * "These turns, if still pending": 'pending' is a parameter ($6), not a literal. With the
   * literal, the generic plan PostgreSQL caches for a prepared statement (made while `turns` was
   * nearly empty) could go through the partial index of pending turns, whose predicate the literal
   * matches, and walk the whole backlog for every update: under load, batches of result updates
   * stopped the queue draining (docs/PERFORMANCE.md). A parameter cannot be proven to match the
   * index predicate. The worker's pool plans only key lookups (Database.hotPathPool), so a plan
   * made while the table was small is not a scan of it. That alone still let the plan made from a
   * table ANALYZEd while nearly empty walk the whole primary key, with the statement's ids a mere
   * filter: {@code t.id = ANY($1)} gives every plan the ids to look up (HotPathPlanIT). Only what
   * the worker does not know already comes back: no text or metadata to decode again.
   */
  static final String COMPLETE_MANY =
      "UPDATE turns t SET status = u.status, cleaned_text = u.cleaned_text,"
          // raw_text "none" (privacy): the masked raw text was kept only until the turn was
          // cleaned.
          // Whether to empty it is a parameter, read from the metadata in Java: the metadata is
          // parsed to jsonb once per row, not once more to find the policy.
          + " raw_text = CASE WHEN u.erase_raw THEN '' ELSE t.raw_text END,"
          + " metadata = u.metadata::jsonb, error = u.error, processed_at = now()"
          + " FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $7::bool[])"
          + " AS u(id, status, cleaned_text, metadata, error, erase_raw)"
          + " WHERE t.id = ANY($1::uuid[]) AND t.id = u.id AND t.status = $6"
          + " RETURNING t.id, t.speaker, t.attempts, t.received_at, t.created_at, t.processed_at";
  private static final String RECORD_ATTEMPT =
      "UPDATE turns SET attempts = attempts + 1, error = $2"
          + " WHERE id = $1 AND status = $3 RETURNING attempts";
  private static final String PENDING_CONVERSATIONS =
      "SELECT conversation_id, max(seq) AS seq, bool_or(role = 'user') AS has_user"
          + " FROM turns WHERE status = 'pending' AND received_at < now() - make_interval(secs => $1::float8 / 1000)"
          + " GROUP BY conversation_id";

  private static final String PENDING = TurnStatus.PENDING.wireName();

  private final Pool pool;

  public PendingTurns(Pool pool) {
    this.pool = pool;
  }

  /**
   * A conversation and the seqs between which its pending turns are wanted: after {@code afterSeq}
   * (0: from the first) and up to {@code upToSeq}.
   */
  public record PendingRange(String conversationId, long afterSeq, long upToSeq) {}

  /** A conversation with pending turns: its highest pending seq and whether a user turn waits. */
  public record PendingConversation(String conversationId, long seq, boolean hasUser) {}

  /**
   * The pending turns of many conversations, each in its range and at most {@code limitEach}, in
   * one statement; one list per range, in the ranges' order, each in seq order.
   */
  public Future<List<List<TurnToClean>>> pendingUpTo(List<PendingRange> ranges, int limitEach) {
    UUID[] ids = new UUID[ranges.size()];
    Long[] after = new Long[ranges.size()];
    Long[] upTo = new Long[ranges.size()];
    List<List<TurnToClean>> out = new ArrayList<>(ranges.size());
    for (int i = 0; i < ids.length; i++) {
      ids[i] = UUID.fromString(ranges.get(i).conversationId());
      after[i] = ranges.get(i).afterSeq();
      upTo[i] = ranges.get(i).upToSeq();
      out.add(new ArrayList<>());
    }
    return pool.preparedQuery(PENDING_UP_TO_MANY)
        .execute(Tuple.of(ids, after, upTo, limitEach))
        .map(
            rows -> {
              for (Row row : rows) {
                out.get((int) (row.getLong("ord") - 1)).add(pending(row));
              }
              return out;
            });
  }

  private static TurnToClean pending(Row row) {
    return new TurnToClean(
        row.getUUID("id").toString(),
        row.getLong("seq"),
        Speaker.ofWire(row.getString("role")),
        row.getString("raw_text"),
        row.getString("requested_level"),
        row.getInteger("window_size"),
        row.getInteger("keyterms_version"),
        RecognizedWord.fromJson((JsonArray) row.getValue("words")),
        row.getString("reply_to"),
        row.getOffsetDateTime("received_at").toInstant().toEpochMilli());
  }

  /**
   * Records cleaning results in one statement, leaving 'pending' in the same statement. Returns the
   * stored turns in the order given, with null for a turn that was no longer pending (a duplicate
   * delivery, or the same turn twice in the list).
   */
  public Future<List<StoredTurn>> complete(List<CleanedTurn> completions) {
    int n = completions.size();
    UUID[] ids = new UUID[n];
    String[] statuses = new String[n];
    String[] texts = new String[n];
    String[] metadata = new String[n];
    String[] errors = new String[n];
    Boolean[] eraseRaw = new Boolean[n];
    for (int i = 0; i < n; i++) {
      CleanedTurn r = completions.get(i);
      ids[i] = UUID.fromString(r.turnId());
      statuses[i] = r.status().wireName();
      texts[i] = r.cleanedText();
      metadata[i] = r.metadata() == null ? null : r.metadata().encode();
      errors[i] = r.error();
      eraseRaw[i] =
          r.metadata() != null
              && RawTextPolicy.NONE.wireName().equals(r.metadata().getString("raw_text_policy"));
    }
    return pool.preparedQuery(COMPLETE_MANY)
        .execute(Tuple.of(ids, statuses, texts, metadata, errors, PENDING, eraseRaw))
        .map(
            rows -> {
              Map<UUID, Row> byId = new HashMap<>(rows.size() * 2);
              for (Row row : rows) {
                byId.put(row.getUUID("id"), row);
              }
              List<StoredTurn> stored = new ArrayList<>(n);
              for (int i = 0; i < n; i++) {
                Row row = byId.remove(ids[i]); // removed: a turn listed twice is stored once
                stored.add(row == null ? null : completed(completions.get(i), row));
              }
              return stored;
            });
  }

  /** The completed turn, from what the worker had and the row's rest. */
  private static StoredTurn completed(CleanedTurn r, Row row) {
    TurnToClean turn = r.turn();
    return new StoredTurn(
        turn.turnId(),
        r.conversationId(),
        turn.seq(),
        row.getString("speaker"),
        turn.role(),
        turn.rawText(),
        r.cleanedText(),
        r.status(),
        turn.cleaningLevel(),
        r.metadata(),
        r.error(),
        row.getInteger("attempts"),
        row.getOffsetDateTime("received_at"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("processed_at"),
        turn.words());
  }

  /**
   * Counts a failed attempt; returns the attempts so far, or 0 when the turn is no longer pending.
   */
  public Future<Integer> recordAttempt(String turnId, String error) {
    return pool.preparedQuery(RECORD_ATTEMPT)
        .execute(Tuple.of(UUID.fromString(turnId), error, PENDING))
        .map(rows -> rows.size() == 0 ? 0 : rows.iterator().next().getInteger("attempts"));
  }

  /** The conversations with turns pending for longer than {@code olderThanMs}. */
  public Future<List<PendingConversation>> pendingConversations(long olderThanMs) {
    return pool.preparedQuery(PENDING_CONVERSATIONS)
        .execute(Tuple.of(olderThanMs))
        .map(
            rows -> {
              List<PendingConversation> list = new ArrayList<>(rows.size());
              for (Row row : rows) {
                list.add(
                    new PendingConversation(
                        row.getUUID("conversation_id").toString(),
                        row.getLong("seq"),
                        row.getBoolean("has_user")));
              }
              return list;
            });
  }
}
