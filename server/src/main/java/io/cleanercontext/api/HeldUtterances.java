package io.cleanercontext.api;

import io.cleanercontext.integrations.JoinedUtterance;
import io.cleanercontext.integrations.PlatformMessage.UtteranceEnd;
import io.cleanercontext.integrations.PlatformTurn;
import io.cleanercontext.integrations.Source;
import io.cleanercontext.integrations.SpeakerMap;
import io.cleanercontext.store.IntegrationRow;
import io.cleanercontext.store.IntegrationStore;
import io.cleanercontext.store.UtteranceSegments;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Utterances that a platform sends in final segments (Deepgram): each segment is held in PostgreSQL
 * as it arrives (a retry of it is recognised there), and when its utterance ends (the platform says
 * so, or its line has had no news for {@code api.utterance_idle_ms}) the line's held segments are
 * claimed, joined into one turn and submitted through the intake like any platform turn. Nothing
 * accepted is lost: a held segment survives a restart, and a claimed utterance whose turn was not
 * submitted (a crash in between) is submitted again under the same key by the next end or by the
 * idle sweep.
 */
final class HeldUtterances {
  private static final Logger LOG = LoggerFactory.getLogger(HeldUtterances.class);
  private static final int SWEEP_BATCH = 100;

  /** Joined segments are kept (without their text) this long, so a late retry finds them known. */
  private static final long KEEP_JOINED_MS = 24 * 3_600_000L;

  private final UtteranceSegments segments;
  private final IntegrationStore integrations;
  private final PlatformTurns turns;
  private boolean sweeping;

  HeldUtterances(UtteranceSegments segments, IntegrationStore integrations, PlatformTurns turns) {
    this.segments = segments;
    this.integrations = integrations;
    this.turns = turns;
  }

  /** Holds a final segment; answers {@code {segment_id, status: held|duplicate}}. */
  Future<JsonObject> hold(IntegrationRow row, String callId, UUID conversation, PlatformTurn turn) {
    UtteranceSegments.Segment segment =
        new UtteranceSegments.Segment(
            turn.messageId(),
            turn.segment().line(),
            turn.speakerKey(),
            turn.segment().start(),
            turn.text(),
            io.cleanercontext.contract.RecognizedWord.toJson(turn.words()));
    return segments
        .hold(row.id(), callId, conversation, segment)
        .map(
            fresh ->
                new JsonObject()
                    .put("segment_id", turn.messageId())
                    .put("status", fresh ? "held" : "duplicate"));
  }

  /**
   * Ends the utterances {@code end} names and submits their turns in order; answers what became of
   * each ({@link PlatformTurns#submit} plus {@code segments}, how many it joins).
   */
  Future<List<JsonObject>> end(
      IntegrationRow row, String callId, UUID conversation, UtteranceEnd end, long receivedAt) {
    SpeakerMap speakers = speakers(row);
    List<JsonObject> outcomes = new ArrayList<>();
    return segments
        .end(row.id(), callId, end.line(), end.through())
        .compose(
            utterances -> {
              Future<Void> chain = Future.succeededFuture();
              for (var utterance : utterances.entrySet()) {
                String key = utterance.getKey();
                for (JoinedUtterance joined :
                    JoinedUtterance.join(key, utterance.getValue(), turns.maxChars())) {
                  chain =
                      chain.compose(
                          v ->
                              turns
                                  .submit(
                                      row,
                                      conversation,
                                      speakers.labelOf(joined.speakerKey()),
                                      joined.text(),
                                      joined.words(),
                                      joined.messageId(),
                                      receivedAt)
                                  .map(
                                      outcome -> {
                                        outcomes.add(outcome.put("segments", joined.segments()));
                                        return null;
                                      }));
                }
                chain = chain.compose(v -> segments.submitted(row.id(), callId, key));
              }
              return chain.map(v -> outcomes);
            });
  }

  /**
   * One run of the idle sweep: the lines whose held segments had no news for {@code idleMs} end
   * their utterance; joined segments past their keeping time are forgotten. Several instances and
   * nodes may sweep at once: a claim is taken once, and a turn submitted twice is one turn.
   */
  void sweep(long idleMs) {
    if (sweeping) {
      return;
    }
    sweeping = true;
    segments
        .idle(idleMs, SWEEP_BATCH)
        .compose(
            lines -> {
              Future<Void> chain = Future.succeededFuture();
              for (UtteranceSegments.OpenLine line : lines) {
                chain = chain.compose(v -> endIdle(line).recover(e -> logged(line, e)));
              }
              return chain;
            })
        .compose(v -> segments.purge(KEEP_JOINED_MS, SWEEP_BATCH * 10))
        .onComplete(
            ar -> {
              sweeping = false;
              if (ar.failed()) {
                LOG.warn("Sweeping idle utterances failed: {}", ar.cause().getMessage());
              }
            });
  }

  /**
   * The tenant's conversation is ending: the utterances its calls still hold become turns first, so
   * they are part of what the end counts.
   */
  Future<Void> endConversation(String tenant, UUID conversation) {
    return segments
        .openLines(conversation)
        .compose(
            lines -> {
              Future<Void> chain = Future.succeededFuture();
              for (UtteranceSegments.OpenLine line : lines) {
                chain = chain.compose(v -> endLine(line, tenant));
              }
              return chain;
            });
  }

  private Future<Void> endIdle(UtteranceSegments.OpenLine line) {
    return endLine(line, null);
  }

  /** Ends a line's utterance; of the tenant's integration only, unless {@code tenant} is null. */
  private Future<Void> endLine(UtteranceSegments.OpenLine line, String tenant) {
    return integrations
        .find(line.integrationId())
        .compose(
            row ->
                row == null || (tenant != null && !tenant.equals(row.tenant()))
                    ? Future.succeededFuture() // deleted (its segments went with it), or not theirs
                    : integrations
                        .conversationOf(row, line.callId())
                        .compose(
                            conversation ->
                                end(
                                    row,
                                    line.callId(),
                                    conversation,
                                    new UtteranceEnd(line.line(), null),
                                    System.currentTimeMillis()))
                        .mapEmpty());
  }

  private static Future<Void> logged(UtteranceSegments.OpenLine line, Throwable e) {
    LOG.warn(
        "Ending the idle utterance of integration {} line {} failed (retried next sweep): {}",
        line.integrationId(),
        line.line(),
        e.getMessage());
    return Future.succeededFuture();
  }

  /** The integration's speakers over its source's defaults. */
  static SpeakerMap speakers(IntegrationRow row) {
    Source source = Source.fromWire(row.source()).orElseThrow();
    Map<String, String> labels = new HashMap<>();
    row.speakers().forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
    return SpeakerMap.of(source, labels);
  }
}
