package io.cleanercontext.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A speech recogniser's final segments held until their utterance ends (V31), all of their SQL.
 * Holding is idempotent on the segment's identity; ending an utterance claims its open segments in
 * one statement under the id of its last segment, so a crash between the claim and the turn's
 * submission leaves a claimed group that the next end or the idle sweep submits again under the
 * same key (the intake makes that harmless).
 */
public final class UtteranceSegments {
  private static final String HOLD =
      "INSERT INTO utterance_segments (integration_id, external_call_id, segment_id, line,"
          + " speaker_key, conversation_id, start_s, text, words)"
          + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING";

  /**
   * Claims the line's open segments (all lines when $3 is null) that start at or before $4 (all
   * when null), each line's under the id of its last one.
   */
  private static final String CLAIM =
      "WITH open AS (SELECT segment_id, line, start_s FROM utterance_segments"
          + " WHERE integration_id = $1 AND external_call_id = $2 AND ($3::text IS NULL OR line = $3)"
          + " AND utterance_key IS NULL AND ($4::float8 IS NULL OR start_s <= $4) FOR UPDATE),"
          + " last AS (SELECT DISTINCT ON (line) line, segment_id FROM open"
          + " ORDER BY line, start_s DESC, segment_id DESC)"
          + " UPDATE utterance_segments s SET utterance_key = last.segment_id FROM open JOIN last"
          + " ON last.line = open.line WHERE s.integration_id = $1 AND s.external_call_id = $2"
          + " AND s.segment_id = open.segment_id";

  /**
   * Claimed segments whose turn is not submitted yet, by utterance (the one that started first
   * first: the lines of a call interleave in time), each in order.
   */
  private static final String CLAIMED =
      "SELECT utterance_key, segment_id, speaker_key, text, words FROM utterance_segments"
          + " WHERE integration_id = $1 AND external_call_id = $2 AND ($3::text IS NULL OR line = $3)"
          + " AND utterance_key IS NOT NULL AND NOT submitted"
          + " ORDER BY min(start_s) OVER (PARTITION BY utterance_key), utterance_key, start_s,"
          + " segment_id";

  /** The raw text is kept only while the utterance is open: the turn holds it from now on. */
  private static final String SUBMITTED =
      "UPDATE utterance_segments SET submitted = true, text = '', words = NULL"
          + " WHERE integration_id = $1 AND external_call_id = $2 AND utterance_key = $3";

  /** Lines with segments not submitted and nothing new for $1 seconds. */
  private static final String IDLE =
      "SELECT integration_id, external_call_id, line FROM utterance_segments WHERE NOT submitted"
          + " GROUP BY integration_id, external_call_id, line"
          + " HAVING max(received_at) < now() - make_interval(secs => $1::float8) LIMIT $2";

  /** A conversation's lines with segments not submitted. */
  private static final String OPEN_OF_CONVERSATION =
      "SELECT DISTINCT integration_id, external_call_id, line FROM utterance_segments"
          + " WHERE conversation_id = $1 AND NOT submitted";

  private static final String PURGE =
      "DELETE FROM utterance_segments WHERE ctid IN (SELECT ctid FROM utterance_segments"
          + " WHERE submitted AND received_at < now() - make_interval(secs => $1::float8) LIMIT $2)";

  private final Pool pool;

  public UtteranceSegments(Pool pool) {
    this.pool = pool;
  }

  /**
   * One final segment of a call's line.
   *
   * @param segmentId the platform's identity of the segment (a retry carries the same)
   * @param line the audio line it was heard on ({@code channel:0}); an utterance is one line's
   * @param speakerKey the platform's speaker of it
   * @param words the recogniser's words as JSON, or null
   */
  public record Segment(
      String segmentId,
      String line,
      String speakerKey,
      double start,
      String text,
      JsonArray words) {}

  /** A claimed segment: its utterance's key and what it says. */
  public record Claimed(String segmentId, String speakerKey, String text, JsonArray words) {}

  /** A line of a call with segments waiting. */
  public record OpenLine(UUID integrationId, String callId, String line) {}

  /** Holds a segment; false when one with its identity is held or was joined already. */
  public Future<Boolean> hold(UUID integration, String callId, UUID conversation, Segment s) {
    return pool.preparedQuery(HOLD)
        .execute(
            Tuple.of(integration, callId, s.segmentId(), s.line(), s.speakerKey(), conversation)
                .addValue(s.start())
                .addValue(s.text())
                .addValue(s.words()))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Ends the utterance of a line (null: every line) at its segments starting at or before {@code
   * through} (null: all of them), then answers every claimed utterance of those lines not yet
   * submitted (a crash's leftovers too), each keyed by the id of its last segment, in order.
   */
  public Future<Map<String, List<Claimed>>> end(
      UUID integration, String callId, String line, Double through) {
    return pool.preparedQuery(CLAIM)
        .execute(Tuple.of(integration, callId, line, through))
        .compose(v -> pool.preparedQuery(CLAIMED).execute(Tuple.of(integration, callId, line)))
        .map(
            rows -> {
              Map<String, List<Claimed>> utterances = new LinkedHashMap<>();
              for (Row r : rows) {
                Object words = r.getValue("words");
                utterances
                    .computeIfAbsent(r.getString("utterance_key"), k -> new ArrayList<>())
                    .add(
                        new Claimed(
                            r.getString("segment_id"),
                            r.getString("speaker_key"),
                            r.getString("text"),
                            words instanceof JsonArray array ? array : null));
              }
              return utterances;
            });
  }

  /** Records that the utterance's turn went through the intake and forgets its text. */
  public Future<Void> submitted(UUID integration, String callId, String utteranceKey) {
    return pool.preparedQuery(SUBMITTED)
        .execute(Tuple.of(integration, callId, utteranceKey))
        .mapEmpty();
  }

  /** Up to {@code limit} lines whose held segments had nothing new for {@code idleMs}. */
  public Future<List<OpenLine>> idle(long idleMs, int limit) {
    return pool.preparedQuery(IDLE).execute(Tuple.of(idleMs / 1000.0, limit)).map(this::lines);
  }

  /** The conversation's lines with segments waiting (its call is ending). */
  public Future<List<OpenLine>> openLines(UUID conversation) {
    return pool.preparedQuery(OPEN_OF_CONVERSATION)
        .execute(Tuple.of(conversation))
        .map(this::lines);
  }

  private List<OpenLine> lines(RowSet<Row> rows) {
    List<OpenLine> lines = new ArrayList<>(rows.size());
    rows.forEach(
        r ->
            lines.add(
                new OpenLine(
                    r.getUUID("integration_id"),
                    r.getString("external_call_id"),
                    r.getString("line"))));
    return lines;
  }

  /** Forgets up to {@code limit} submitted segments older than {@code keepMs}; how many. */
  public Future<Integer> purge(long keepMs, int limit) {
    return pool.preparedQuery(PURGE)
        .execute(Tuple.of(keepMs / 1000.0, limit))
        .map(rows -> rows.rowCount());
  }
}
