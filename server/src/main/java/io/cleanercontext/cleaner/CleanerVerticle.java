package io.cleanercontext.cleaner;

import io.cleanercontext.cleaner.engine.CleaningLevel;
import io.cleanercontext.cleaner.engine.CleaningResult;
import io.cleanercontext.cleaner.engine.Correction;
import io.cleanercontext.cleaner.engine.Speaker;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.CleanRequest;
import io.cleanercontext.contract.CleanRequest.PendingTurn;
import io.cleanercontext.contract.CleanedTurn;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cleaner shard, deployed as a worker verticle: it owns the state of the conversations hashed
 * to it and cleans their turns one request at a time, so a conversation's turns are cleaned
 * strictly in order while other shards run in parallel.
 */
public final class CleanerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CleanerVerticle.class);

  private final JsonObject config;
  private final int shard;
  private final TurnCleaner cleaner;
  private StateCache states;
  private Pool pool;
  private TurnStore turns;
  private long rebuilds;

  /** @param config {@code {cleaner: slice, database_url}} */
  public CleanerVerticle(JsonObject config, int shard, TurnCleaner cleaner) {
    this.config = config;
    this.shard = shard;
    this.cleaner = cleaner;
  }

  @Override
  public Future<?> start() {
    states = new StateCache(config.getJsonObject("cleaner").getInteger("cache_size", 10_000));
    pool = Database.pool(vertx, config.getString("database_url"), 2, "pg-shard-" + shard);
    turns = new TurnStore(pool);
    return vertx.eventBus().<JsonObject>consumer(Addresses.cleanerShard(shard), this::clean).completion();
  }

  @Override
  public Future<?> stop() {
    return pool.close();
  }

  private void clean(Message<JsonObject> msg) {
    CleanRequest request = CleanRequest.fromJson(msg.body());
    if (request.turns().isEmpty()) {
      msg.reply(new JsonObject().put("results", new JsonArray()));
      return;
    }
    PendingTurn first = request.turns().get(0);
    ConversationState cached = states.get(request.conversationId());
    Future<ConversationState> state = cached != null && cached.isJustBefore(first.seq())
        ? Future.succeededFuture(cached)
        : rebuild(request.conversationId(), first.windowSize());
    state.onSuccess(s -> msg.reply(cleanAll(request, s)))
        .onFailure(e -> msg.fail(ErrorCode.UNAVAILABLE.code(), "cannot rebuild conversation state: " + e.getMessage()));
  }

  /** Replays the conversation's stored results into a fresh state: the same one it had before. */
  private Future<ConversationState> rebuild(String conversationId, int windowSize) {
    rebuilds++;
    return turns.history(conversationId).map(history -> {
      ConversationState state = new ConversationState(windowSize);
      for (TurnStore.HistoryTurn turn : history) {
        if (!"failed".equals(turn.status())) {
          state.context.add(speaker(turn.role()), turn.cleanedText() == null ? "" : turn.cleanedText());
        }
        state.lastSeq = turn.seq();
      }
      states.put(conversationId, state);
      return state;
    });
  }

  /**
   * Cleans the turns in order. A turn the cleaner throws on stops the batch: the results so far are
   * returned with the failing turn named, and the state stays just before it.
   */
  private JsonObject cleanAll(CleanRequest request, ConversationState state) {
    JsonArray results = new JsonArray();
    JsonObject reply = new JsonObject().put("results", results);
    for (PendingTurn turn : request.turns()) {
      Speaker speaker = speaker(turn.role());
      state.context.setWindowSize(turn.windowSize());
      CleaningResult result;
      try {
        result = cleaner.clean(speaker, turn.rawText(),
            CleaningLevel.fromWire(turn.cleaningLevel()).orElse(CleaningLevel.FULL), state.context);
      } catch (RuntimeException e) {
        LOG.warn("Shard {} could not clean turn {} (seq {}): {}", shard, turn.turnId(), turn.seq(), e.toString());
        return reply.put("failed_turn_id", turn.turnId()).put("error", e.toString());
      }
      state.context.add(speaker, result.cleanedText());
      state.lastSeq = turn.seq();
      String status = result.skipped() ? "skipped" : "cleaned";
      results.add(new CleanedTurn(turn.turnId(), turn.seq(), status, result.cleanedText(),
          metadata(result, state), null).toJson());
    }
    return reply;
  }

  private static JsonObject metadata(CleaningResult result, ConversationState state) {
    JsonArray corrections = new JsonArray();
    for (Correction c : result.corrections()) {
      corrections.add(new JsonObject().put("original", c.original()).put("corrected", c.corrected())
          .put("confidence", c.confidence().name()).put("reason", c.reason()));
    }
    JsonObject timing = new JsonObject();
    result.timingBreakdownMs().forEach(timing::put);
    return new JsonObject()
        .put("confidence_score", result.confidence().name())
        .put("cleaning_applied", result.cleaningApplied())
        .put("cleaning_level", result.level().wireName())
        .put("corrections", corrections)
        .put("context_detected", result.contextDetected())
        .put("ai_model_used", result.model())
        .put("processing_time_ms", result.processingTimeMs())
        .put("timing_breakdown", timing)
        .put("context_window_size", state.context.windowSize())
        .put("context_turns_used", state.context.window().size());
  }

  private static Speaker speaker(String role) {
    return "ai".equals(role) ? Speaker.AI : Speaker.USER;
  }
}
