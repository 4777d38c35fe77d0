package io.cleanercontext.store;

import io.cleanercontext.contract.CleanRequest.PendingTurn;
import io.cleanercontext.contract.CleanedTurn;
import io.cleanercontext.contract.TurnSubmission;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turns in PostgreSQL. All of its SQL is here. */
public final class TurnStore {
  static final String COLUMNS =
      "id, conversation_id, seq, speaker, role, raw_text, requested_level, status,"
          + " cleaned_text, metadata, error, attempts, received_at, created_at, processed_at";

  /**
   * One statement: takes the next seq under the conversation's row lock and stores the turn as
   * pending.
   */
  private static final String INSERT_PENDING =
      "WITH c AS ("
          + " UPDATE conversations SET last_seq = last_seq + 1, updated_at = now(), window_size = COALESCE($7, window_size)"
          + " WHERE id = $2 AND tenant = $10 RETURNING id, last_seq, window_size, keyterms_version)"
          + " INSERT INTO turns (id, conversation_id, seq, speaker, role, raw_text, requested_level, window_size, reply_to,"
          + " received_at, keyterms_version)"
          + " SELECT $1, c.id, c.last_seq, $3, $4, $5, $6, c.window_size, $8, $9, c.keyterms_version FROM c"
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
          + " $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[]) WITH ORDINALITY"
          + " AS i(id, conversation_id, speaker, role, raw_text, requested_level, reply_to, received_at, tenant, ord)),"
          + " n AS (SELECT conversation_id, tenant, count(*) AS turns FROM i GROUP BY conversation_id, tenant),"
          + " l AS (SELECT c.id, n.turns FROM conversations c JOIN n ON c.id = n.conversation_id AND c.tenant = n.tenant"
          + " ORDER BY c.id FOR NO KEY UPDATE OF c),"
          + " c AS (UPDATE conversations SET last_seq = last_seq + l.turns, updated_at = now() FROM l"
          + " WHERE conversations.id = l.id"
          + " RETURNING conversations.id, conversations.tenant, conversations.last_seq - l.turns AS base,"
          + " conversations.window_size, conversations.keyterms_version)"
          + " INSERT INTO turns (id, conversation_id, seq, speaker, role, raw_text, requested_level, window_size, reply_to,"
          + " received_at, keyterms_version)"
          + " SELECT i.id, i.conversation_id, c.base + row_number() OVER (PARTITION BY i.conversation_id ORDER BY i.ord),"
          + " i.speaker, i.role, i.raw_text, i.requested_level, c.window_size, i.reply_to, i.received_at, c.keyterms_version"
          + " FROM i JOIN c ON c.id = i.conversation_id AND c.tenant = i.tenant"
          + " RETURNING id, seq, created_at, window_size, keyterms_version";

  /**
   * Pending turns of many conversations, each after one seq and up to another, in order: the
   * worker's coalesced reads. The lower bound starts the index scan at the first turn that can
   * still be pending, instead of at the conversation's first turn, past entries of turns no longer
   * pending that VACUUM has not removed yet.
   */
  static final String PENDING_UP_TO_MANY =
      "SELECT j.ord, t.id, t.seq, t.role, t.raw_text, t.requested_level,"
          + " t.window_size, t.keyterms_version, t.reply_to, t.received_at"
          + " FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) WITH ORDINALITY AS j(conversation_id, after_seq, up_to, ord)"
          + " CROSS JOIN LATERAL (SELECT id, seq, role, raw_text, requested_level, window_size, keyterms_version, reply_to,"
          + " received_at"
          + " FROM turns WHERE conversation_id = j.conversation_id AND status = 'pending' AND seq > j.after_seq"
          + " AND seq <= j.up_to ORDER BY seq LIMIT $4) t ORDER BY j.ord, t.seq";

  /*
   * "These turns, if still pending": 'pending' is a parameter ($6), not a literal. With the
   * literal, the generic plan PostgreSQL caches for a prepared statement (made while `turns` was
   * nearly empty) could go through the partial index of pending turns, whose predicate the literal
   * matches, and walk the whole backlog for every update: under load, batches of result updates
   * ran for 17-38 s and the queue stopped draining (docs/PERFORMANCE.md). A parameter cannot be
   * proven to match the index predicate. The worker's pool plans only key lookups
   * (Database.hotPathPool), so a plan made while the table was small is not a scan of it.
   * Only what the worker does not know already comes back: no text or metadata to decode again.
   */
  static final String COMPLETE_MANY =
      "UPDATE turns t SET status = u.status, cleaned_text = u.cleaned_text,"
          + " metadata = u.metadata::jsonb, error = u.error, processed_at = now()"
          + " FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(id, status, cleaned_text, metadata, error)"
          + " WHERE t.id = u.id AND t.status = $6"
          + " RETURNING t.id, t.speaker, t.attempts, t.received_at, t.created_at, t.processed_at";
  private static final String RECORD_ATTEMPT =
      "UPDATE turns SET attempts = attempts + 1, error = $2"
          + " WHERE id = $1 AND status = $3 RETURNING attempts";
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
  private static final String PENDING_CONVERSATIONS =
      "SELECT conversation_id, max(seq) AS seq, bool_or(role = 'user') AS has_user"
          + " FROM turns WHERE status = 'pending' AND received_at < now() - make_interval(secs => $1::float8 / 1000)"
          + " GROUP BY conversation_id";
  private static final String STATUS_COUNTS =
      "SELECT status, count(*) AS turns FROM turns WHERE conversation_id = $1"
          + " AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = $1 AND c.tenant = $2)"
          + " GROUP BY status";

  private final Pool pool;

  public TurnStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * A stored pending turn: its seq, creation time, the conversation's window for it and the version
   * of the conversation's keyterms when it was accepted.
   */
  public record Accepted(long seq, OffsetDateTime createdAt, int windowSize, int keytermsVersion) {}

  /** A pending turn with what the worker needs besides the cleaning input. */
  public record Pending(PendingTurn turn, String replyTo, Instant receivedAt) {}

  /** One completed turn of the history, oldest first, for rebuilding a conversation's state. */
  public record HistoryTurn(long seq, String role, String status, String cleanedText) {}

  private static Tuple pendingParams(TurnSubmission s) {
    return Tuple.of(
            UUID.fromString(s.turnId()),
            UUID.fromString(s.conversationId()),
            s.speaker(),
            s.role(),
            s.rawText(),
            s.cleaningLevel())
        .addValue(s.windowSize())
        .addValue(s.replyTo())
        .addValue(OffsetDateTime.ofInstant(Instant.ofEpochMilli(s.receivedAt()), ZoneOffset.UTC))
        .addValue(s.tenant());
  }

  private static Accepted accepted(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row row = rows.iterator().next();
    return new Accepted(
        row.getLong("seq"),
        row.getOffsetDateTime("created_at"),
        row.getInteger("window_size"),
        row.getInteger("keyterms_version"));
  }

  /**
   * Stores many turns in one round trip and one transaction (a pipelined batch ends with a single
   * Sync, so PostgreSQL runs it as one implicit transaction: all stored or none, one commit). Rows
   * are written in conversation order so that concurrent batches take the conversations' row locks
   * in the same order and cannot deadlock. Results are in the order of {@code submissions}.
   */
  public Future<List<Accepted>> insertPending(List<TurnSubmission> submissions) {
    return insertPending(pool, submissions);
  }

  private static Future<List<Accepted>> insertPending(
      SqlClient client, List<TurnSubmission> submissions) {
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
    java.util.Arrays.sort(
        order, java.util.Comparator.comparing(i -> submissions.get(i).conversationId()));
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
                  new ArrayList<>(java.util.Collections.nCopies(order.length, (Accepted) null));
              int k = 0;
              for (RowSet<Row> rows = first;
                  rows != null && k < order.length;
                  rows = rows.next(), k++) {
                accepted.set(order[k], accepted(rows));
              }
              return accepted;
            });
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
    for (int i = 0; i < n; i++) {
      TurnSubmission s = submissions.get(i);
      ids[i] = UUID.fromString(s.turnId());
      conversations[i] = UUID.fromString(s.conversationId());
      speakers[i] = s.speaker();
      roles[i] = s.role();
      texts[i] = s.rawText();
      levels[i] = s.cleaningLevel();
      replyTo[i] = s.replyTo();
      receivedAt[i] =
          OffsetDateTime.ofInstant(Instant.ofEpochMilli(s.receivedAt()), ZoneOffset.UTC);
      tenants[i] = s.tenant();
    }
    Tuple params =
        Tuple.of(ids, conversations, speakers, roles, texts, levels, replyTo, receivedAt, tenants);
    return client
        .preparedQuery(INSERT_PENDING_MANY)
        .execute(params)
        .map(
            rows -> {
              Map<UUID, Accepted> byId = new HashMap<>(rows.size() * 2);
              for (Row row : rows) {
                byId.put(
                    row.getUUID("id"),
                    new Accepted(
                        row.getLong("seq"),
                        row.getOffsetDateTime("created_at"),
                        row.getInteger("window_size"),
                        row.getInteger("keyterms_version")));
              }
              List<Accepted> accepted = new ArrayList<>(n);
              for (UUID id : ids) {
                accepted.add(byId.get(id)); // null: not the submitter's conversation
              }
              return accepted;
            });
  }

  /** The turns of one submission (one request), with its idempotency key or null. */
  public record InsertGroup(List<TurnSubmission> turns, IdempotencyKeys.Idempotency idempotency) {}

  /**
   * What became of a group: stored now ({@code accepted}, one per turn, null entries when the
   * tenant has no such conversation), or its key was claimed before ({@code replay}: nothing
   * stored).
   */
  public record GroupResult(List<Accepted> accepted, IdempotencyKeys.Replay replay) {}

  /**
   * Stores groups of turns as {@link #insertPending} does, all in one transaction. Groups without a
   * key cost exactly what {@link #insertPending} costs; when some have one, the keys are claimed
   * first in the same transaction, so a key's row commits with its turns or not at all, and a group
   * whose key was claimed before stores nothing and gets the first answer.
   */
  public Future<List<GroupResult>> insertGroups(List<InsertGroup> groups) {
    if (groups.stream().allMatch(g -> g.idempotency() == null)) {
      return insertPending(pool, flatten(groups)).map(accepted -> cut(groups, accepted, null));
    }
    List<IdempotencyKeys.Claim> claims = new ArrayList<>();
    Map<String, Integer> firstOfKey = new HashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      InsertGroup group = groups.get(g);
      if (group.idempotency() != null) {
        TurnSubmission first = group.turns().get(0);
        IdempotencyKeys.Claim claim =
            new IdempotencyKeys.Claim(
                first.tenant(), first.conversationId(), group.idempotency(), group.turns());
        // The same key twice in one batch: only the first claims it, the others look it up after.
        firstOfKey.putIfAbsent(claim.id(), g);
        claims.add(claim);
      } else {
        claims.add(null);
      }
    }
    List<IdempotencyKeys.Claim> toClaim = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      if (claims.get(g) != null && firstOfKey.get(claims.get(g).id()) == g) {
        toClaim.add(claims.get(g));
      }
    }
    return pool.withTransaction(
        conn ->
            IdempotencyKeys.claim(conn, toClaim)
                .compose(
                    claimed -> {
                      List<InsertGroup> fresh = new ArrayList<>();
                      List<Integer> replayed = new ArrayList<>();
                      for (int g = 0; g < groups.size(); g++) {
                        IdempotencyKeys.Claim claim = claims.get(g);
                        if (claim == null
                            || (claimed.contains(claim.id()) && firstOfKey.get(claim.id()) == g)) {
                          fresh.add(groups.get(g));
                        } else {
                          replayed.add(g);
                        }
                      }
                      return insertPending(conn, flatten(fresh))
                          .compose(
                              accepted -> {
                                List<GroupResult> freshResults = cut(fresh, accepted, null);
                                Future<List<IdempotencyKeys.Replay>> replays =
                                    replayed.isEmpty()
                                        ? Future.succeededFuture(List.of())
                                        : IdempotencyKeys.lookup(
                                            conn, replayed.stream().map(claims::get).toList());
                                return replays.map(
                                    found -> {
                                      List<GroupResult> out =
                                          new ArrayList<>(
                                              java.util.Collections.nCopies(
                                                  groups.size(), (GroupResult) null));
                                      int f = 0;
                                      int r = 0;
                                      for (int g = 0; g < groups.size(); g++) {
                                        if (r < replayed.size() && replayed.get(r) == g) {
                                          IdempotencyKeys.Replay replay = found.get(r++);
                                          out.set(
                                              g,
                                              replay != null
                                                  ? new GroupResult(null, replay)
                                                  : new GroupResult(
                                                      java.util.Collections.nCopies(
                                                          groups.get(g).turns().size(),
                                                          (Accepted) null),
                                                      null));
                                        } else {
                                          out.set(g, freshResults.get(f++));
                                        }
                                      }
                                      return out;
                                    });
                              });
                    }));
  }

  private static List<TurnSubmission> flatten(List<InsertGroup> groups) {
    List<TurnSubmission> all = new ArrayList<>();
    groups.forEach(g -> all.addAll(g.turns()));
    return all;
  }

  private static List<GroupResult> cut(
      List<InsertGroup> groups, List<Accepted> accepted, IdempotencyKeys.Replay none) {
    List<GroupResult> out = new ArrayList<>(groups.size());
    int at = 0;
    for (InsertGroup group : groups) {
      out.add(
          new GroupResult(new ArrayList<>(accepted.subList(at, at + group.turns().size())), none));
      at += group.turns().size();
    }
    return out;
  }

  /** Deletes the idempotency keys older than the window. */
  public Future<Integer> purgeIdempotencyKeys(long windowMs) {
    return IdempotencyKeys.purge(pool, windowMs);
  }

  /**
   * A conversation and the seqs between which its pending turns are wanted: after {@code afterSeq}
   * (0: from the first) and up to {@code upToSeq}.
   */
  public record PendingQuery(String conversationId, long afterSeq, long upToSeq) {}

  /**
   * The pending turns of many conversations, each up to its seq and at most {@code limitEach}, in
   * one statement; one list per query, in the queries' order, each in seq order.
   */
  public Future<List<List<Pending>>> pendingUpTo(List<PendingQuery> queries, int limitEach) {
    UUID[] ids = new UUID[queries.size()];
    Long[] after = new Long[queries.size()];
    Long[] upTo = new Long[queries.size()];
    List<List<Pending>> out = new ArrayList<>(queries.size());
    for (int i = 0; i < ids.length; i++) {
      ids[i] = UUID.fromString(queries.get(i).conversationId());
      after[i] = queries.get(i).afterSeq();
      upTo[i] = queries.get(i).upToSeq();
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

  private static Pending pending(Row row) {
    PendingTurn turn =
        new PendingTurn(
            row.getUUID("id").toString(),
            row.getLong("seq"),
            row.getString("role"),
            row.getString("raw_text"),
            row.getString("requested_level"),
            row.getInteger("window_size"),
            row.getInteger("keyterms_version"));
    return new Pending(
        turn, row.getString("reply_to"), row.getOffsetDateTime("received_at").toInstant());
  }

  /** A cleaning result with the conversation and the pending turn it is for. */
  public record Completion(String conversationId, Pending source, CleanedTurn result) {}

  /**
   * Records cleaning results in one statement, leaving 'pending' in the same statement. Returns the
   * stored turns in the API's shape, in the order given, with null for a turn that was no longer
   * pending (a duplicate delivery, or the same turn twice in the list).
   */
  public Future<List<JsonObject>> complete(List<Completion> completions) {
    int n = completions.size();
    UUID[] ids = new UUID[n];
    String[] statuses = new String[n];
    String[] texts = new String[n];
    String[] metadata = new String[n];
    String[] errors = new String[n];
    for (int i = 0; i < n; i++) {
      CleanedTurn r = completions.get(i).result();
      ids[i] = UUID.fromString(r.turnId());
      statuses[i] = r.status();
      texts[i] = r.cleanedText();
      metadata[i] = r.metadata() == null ? null : r.metadata().encode();
      errors[i] = r.error();
    }
    return pool.preparedQuery(COMPLETE_MANY)
        .execute(Tuple.of(ids, statuses, texts, metadata, errors, "pending"))
        .map(
            rows -> {
              Map<UUID, Row> byId = new HashMap<>(rows.size() * 2);
              for (Row row : rows) {
                byId.put(row.getUUID("id"), row);
              }
              List<JsonObject> stored = new ArrayList<>(n);
              for (int i = 0; i < n; i++) {
                Row row = byId.remove(ids[i]); // removed: a turn listed twice is stored once
                stored.add(row == null ? null : completedJson(completions.get(i), row));
              }
              return stored;
            });
  }

  /**
   * The completed turn in the API's shape ({@link #toJson(Row)}), from what the worker had and the
   * row's rest.
   */
  private static JsonObject completedJson(Completion c, Row row) {
    PendingTurn turn = c.source().turn();
    CleanedTurn r = c.result();
    return new JsonObject()
        .put("turn_id", turn.turnId())
        .put("conversation_id", c.conversationId())
        .put("seq", turn.seq())
        .put("speaker", row.getString("speaker"))
        .put("role", turn.role())
        .put("raw_text", turn.rawText())
        .put("cleaned_text", r.cleanedText())
        .put("status", r.status())
        .put("requested_level", turn.cleaningLevel())
        .put("metadata", r.metadata())
        .put("error", r.error())
        .put("attempts", row.getInteger("attempts"))
        .put("received_at", ConversationStore.iso(row.getOffsetDateTime("received_at")))
        .put("created_at", ConversationStore.iso(row.getOffsetDateTime("created_at")))
        .put("processed_at", ConversationStore.iso(row.getOffsetDateTime("processed_at")));
  }

  /**
   * Counts a failed attempt; returns the attempts so far, or 0 when the turn is no longer pending.
   */
  public Future<Integer> recordAttempt(String turnId, String error) {
    return pool.preparedQuery(RECORD_ATTEMPT)
        .execute(Tuple.of(UUID.fromString(turnId), error, "pending"))
        .map(rows -> rows.size() == 0 ? 0 : rows.iterator().next().getInteger("attempts"));
  }

  public Future<JsonArray> page(String tenant, UUID conversationId, long sinceSeq, int limit) {
    return pool.preparedQuery(PAGE)
        .execute(Tuple.of(conversationId, sinceSeq, limit, tenant))
        .map(TurnStore::toArray);
  }

  /** Completed turns after a seq, in order: what a resuming subscriber missed. */
  public Future<JsonArray> completedSince(
      String tenant, UUID conversationId, long sinceSeq, int limit) {
    return pool.preparedQuery(COMPLETED_SINCE)
        .execute(Tuple.of(conversationId, sinceSeq, limit, tenant))
        .map(TurnStore::toArray);
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
                        row.getString("role"),
                        row.getString("status"),
                        row.getString("cleaned_text")));
              }
              return list;
            });
  }

  /** The cleaned sliding window of a conversation, oldest first. */
  public Future<JsonArray> context(String tenant, UUID conversationId) {
    return pool.preparedQuery(CONTEXT)
        .execute(Tuple.of(conversationId, tenant))
        .map(
            rows -> {
              List<JsonObject> newestFirst = new ArrayList<>();
              rows.forEach(row -> newestFirst.add(toJson(row)));
              JsonArray array = new JsonArray();
              for (int i = newestFirst.size() - 1; i >= 0; i--) {
                array.add(newestFirst.get(i));
              }
              return array;
            });
  }

  /**
   * Per conversation with turns pending for longer than {@code olderThanMs}: its highest pending
   * seq and whether a user turn waits.
   */
  public Future<List<JsonObject>> pendingConversations(long olderThanMs) {
    return pool.preparedQuery(PENDING_CONVERSATIONS)
        .execute(Tuple.of(olderThanMs))
        .map(
            rows -> {
              List<JsonObject> list = new ArrayList<>();
              rows.forEach(
                  row ->
                      list.add(
                          new JsonObject()
                              .put("conversation_id", row.getUUID("conversation_id").toString())
                              .put("seq", row.getLong("seq"))
                              .put("has_user", row.getBoolean("has_user"))));
              return list;
            });
  }

  public Future<JsonObject> statusCounts(String tenant, UUID conversationId) {
    return pool.preparedQuery(STATUS_COUNTS)
        .execute(Tuple.of(conversationId, tenant))
        .map(
            rows -> {
              JsonObject counts =
                  new JsonObject()
                      .put("pending", 0L)
                      .put("cleaned", 0L)
                      .put("skipped", 0L)
                      .put("failed", 0L);
              rows.forEach(row -> counts.put(row.getString("status"), row.getLong("turns")));
              return counts;
            });
  }

  private static JsonArray toArray(RowSet<Row> rows) {
    JsonArray array = new JsonArray();
    rows.forEach(row -> array.add(toJson(row)));
    return array;
  }

  /** A turn row in the API's shape. */
  static JsonObject toJson(Row row) {
    Object metadata = row.getValue("metadata");
    return new JsonObject()
        .put("turn_id", row.getUUID("id").toString())
        .put("conversation_id", row.getUUID("conversation_id").toString())
        .put("seq", row.getLong("seq"))
        .put("speaker", row.getString("speaker"))
        .put("role", row.getString("role"))
        .put("raw_text", row.getString("raw_text"))
        .put("cleaned_text", row.getString("cleaned_text"))
        .put("status", row.getString("status"))
        .put("requested_level", row.getString("requested_level"))
        .put("metadata", metadata instanceof JsonObject json ? json : null)
        .put("error", row.getString("error"))
        .put("attempts", row.getInteger("attempts"))
        .put("received_at", ConversationStore.iso(row.getOffsetDateTime("received_at")))
        .put("created_at", ConversationStore.iso(row.getOffsetDateTime("created_at")))
        .put("processed_at", ConversationStore.iso(row.getOffsetDateTime("processed_at")));
  }
}
