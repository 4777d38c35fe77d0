package io.cleanercontext.cleaner;

import io.cleanercontext.cleaner.engine.CleaningResult;
import io.cleanercontext.cleaner.engine.Correction;
import io.cleanercontext.cleaner.engine.WordEvidence;
import io.cleanercontext.cleaner.llm.LlmCleaner;
import io.cleanercontext.config.CleanerSettings;
import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.config.LlmSettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.CleanRequest;
import io.cleanercontext.contract.CleanRequest.TurnToClean;
import io.cleanercontext.contract.CleanedTurn;
import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.ConversationStore.VersionedKeyterms;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cleaner shard, deployed as a worker verticle: it owns the state of the conversations hashed
 * to it and cleans each conversation's turns strictly in order, while other conversations (on this
 * shard, when cleaning waits on an LLM, and on other shards) proceed in parallel.
 *
 * <p>Cleaning is asynchronous, so a request's handler returns before its turns are done. Requests
 * are therefore chained per conversation: the next request of a conversation starts only when the
 * previous one has replied, and within a request each turn is cleaned only after the one before it
 * is in the context. Every callback runs on this verticle's context, so plain fields suffice.
 */
public final class CleanerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CleanerVerticle.class);

  private final CleanerSettings config;
  private final DatabaseSettings database;
  private final int shard;
  private final TurnCleaner engine;

  /** Per conversation, the reply of its latest request: the next one starts after it. */
  private final Map<String, Future<JsonObject>> tails = new HashMap<>();

  private TurnCleaner cleaner;
  private LlmCleaner llm;
  private StateCache states;
  private Pool pool;
  private TurnStore turns;
  private ConversationStore conversations;

  /**
   * @param config the cleaner section
   * @param database the database as running (its URL)
   * @param engine the deterministic cleaner; when {@code cleaner.llm.enabled}, the LLM cleaner this
   *     shard creates uses it for AI turns, garbage and as its fallback
   */
  public CleanerVerticle(
      CleanerSettings config, DatabaseSettings database, int shard, TurnCleaner engine) {
    this.config = config;
    this.database = database;
    this.shard = shard;
    this.engine = engine;
  }

  @Override
  public Future<?> start() {
    states = new StateCache(config.cacheSize());
    LlmSettings settings = config.llm();
    // Created here, not in Main: its HTTP client and circuit breaker belong to this shard's
    // context.
    Future<TurnCleaner> chosen =
        !settings.enabled()
            ? Future.succeededFuture(engine)
            : LlmCleaner.create(vertx, settings, engine, "shard-" + shard)
                .map(
                    created -> {
                      llm = created;
                      return created;
                    });
    return chosen.compose(
        c -> {
          cleaner = c;
          pool = Database.pool(vertx, database.url(), 2, "pg-shard-" + shard);
          turns = new TurnStore(pool);
          conversations = new ConversationStore(pool);
          return vertx
              .eventBus()
              .<JsonObject>consumer(Addresses.cleanerShard(shard), this::clean)
              .completion();
        });
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = llm == null ? Future.succeededFuture() : llm.close();
    return Future.join(closed, pool == null ? Future.succeededFuture() : pool.close());
  }

  private void clean(Message<JsonObject> msg) {
    CleanRequest request = CleanRequest.fromJson(msg.body());
    String conversationId = request.conversationId();
    Future<JsonObject> previous = tails.getOrDefault(conversationId, Future.succeededFuture());
    Future<JsonObject> reply = previous.transform(ignored -> cleanRequest(request));
    tails.put(conversationId, reply);
    reply.onComplete(
        ar -> {
          if (tails.get(conversationId) == reply) {
            tails.remove(conversationId);
          }
          if (ar.succeeded()) {
            msg.reply(ar.result());
          } else {
            msg.fail(ErrorCode.UNAVAILABLE.code(), ar.cause().getMessage());
          }
        });
  }

  private Future<JsonObject> cleanRequest(CleanRequest request) {
    if (request.turns().isEmpty()) {
      return Future.succeededFuture(new JsonObject().put("results", new JsonArray()));
    }
    TurnToClean first = request.turns().get(0);
    ConversationState cached = states.get(request.conversationId());
    Future<ConversationState> state;
    if (cached != null && cached.isJustBefore(first.seq())) {
      state = keytermsFor(request, cached);
    } else {
      state =
          rebuild(request.conversationId(), first.windowSize())
              .recover(
                  e -> Future.failedFuture("cannot rebuild conversation state: " + e.getMessage()));
    }
    return state.compose(
        s -> cleanFrom(request.turns(), 0, s, new JsonObject().put("results", new JsonArray())));
  }

  /**
   * The state with keyterms at least as new as every turn of the request was accepted under: a turn
   * accepted after a replacement reads them again (one query); otherwise no query at all. What is
   * read is the current keyterms, so turns of the request accepted before the replacement are
   * cleaned with the new ones too (the old ones are not kept).
   */
  private Future<ConversationState> keytermsFor(CleanRequest request, ConversationState state) {
    int needed = request.turns().stream().mapToInt(TurnToClean::keytermsVersion).max().orElse(0);
    if (!state.keytermsOlderThan(needed)) {
      return Future.succeededFuture(state);
    }
    return conversations
        .versionedKeyterms(request.conversationId())
        .map(
            keyterms -> {
              setKeyterms(state, keyterms);
              return state;
            })
        .recover(
            e -> Future.failedFuture("cannot read the conversation's keyterms: " + e.getMessage()));
  }

  private static void setKeyterms(ConversationState state, VersionedKeyterms keyterms) {
    state.context.setKeyterms(keyterms.keyterms());
    state.keytermsVersion = keyterms.version();
  }

  /**
   * Replays the conversation's stored results into a fresh state with its current keyterms: the
   * same one it had before (keyterms replaced meanwhile are the ones its next turn needs anyway).
   */
  private Future<ConversationState> rebuild(String conversationId, int windowSize) {
    Future<VersionedKeyterms> keyterms = conversations.versionedKeyterms(conversationId);
    Future<List<TurnStore.HistoryTurn>> stored = turns.history(conversationId);
    return Future.all(keyterms, stored)
        .map(
            both -> {
              List<TurnStore.HistoryTurn> history = stored.result();
              ConversationState state = new ConversationState(windowSize);
              setKeyterms(state, keyterms.result());
              for (TurnStore.HistoryTurn turn : history) {
                if (!"failed".equals(turn.status())) {
                  state.context.add(
                      speaker(turn.role()), turn.cleanedText() == null ? "" : turn.cleanedText());
                }
                state.lastSeq = turn.seq();
              }
              states.put(conversationId, state);
              return state;
            });
  }

  /**
   * Cleans {@code turns} from index {@code i} on, each only after the previous one is in the
   * context. A turn that cannot be cleaned stops the batch: the results so far are returned with
   * the failing turn named, and the state stays just before it.
   */
  private Future<JsonObject> cleanFrom(
      List<TurnToClean> turns, int i, ConversationState state, JsonObject reply) {
    if (i == turns.size()) {
      return Future.succeededFuture(reply);
    }
    TurnToClean turn = turns.get(i);
    Speaker speaker = speaker(turn.role());
    state.context.setWindowSize(turn.windowSize());
    return cleanTurn(speaker, turn, state)
        .transform(
            ar -> {
              if (ar.failed()) {
                LOG.warn(
                    "Shard {} could not clean turn {} (seq {}): {}",
                    shard,
                    turn.turnId(),
                    turn.seq(),
                    ar.cause().toString());
                return Future.succeededFuture(
                    reply.put("failed_turn_id", turn.turnId()).put("error", ar.cause().toString()));
              }
              CleaningResult result = ar.result();
              state.context.add(speaker, result.cleanedText());
              state.lastSeq = turn.seq();
              String status = result.skipped() ? "skipped" : "cleaned";
              reply
                  .getJsonArray("results")
                  .add(
                      new CleanedTurn(
                              turn.turnId(),
                              turn.seq(),
                              status,
                              result.cleanedText(),
                              metadata(result, state),
                              null)
                          .toJson());
              return cleanFrom(turns, i + 1, state, reply);
            });
  }

  /** The cleaner's answer for one turn; a throw or a null future counts as a failed turn. */
  private Future<CleaningResult> cleanTurn(
      Speaker speaker, TurnToClean turn, ConversationState state) {
    CleaningLevel level = CleaningLevel.fromWire(turn.cleaningLevel()).orElse(CleaningLevel.FULL);
    try {
      Future<CleaningResult> result = cleaner.clean(speaker, turn.rawText(), level, state.context);
      return result != null
          ? result
          : Future.failedFuture(new IllegalStateException("cleaner returned no result"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Why a word changed: the candidate, its source and each kind of evidence. */
  private static JsonObject evidenceJson(WordEvidence e) {
    return new JsonObject()
        .put("candidate", e.candidate())
        .put("source", e.source())
        .put("phonetic_distance", e.phoneticDistance())
        .put("lm_gain", e.lmGain())
        .put("prior_heard", e.priorHeard())
        .put("said_in_call", e.saidInCall() > 0);
  }
  private static JsonObject metadata(CleaningResult result, ConversationState state) {
    JsonArray corrections = new JsonArray();
    for (Correction c : result.corrections()) {
      JsonObject json =
          new JsonObject()
              .put("original", c.original())
              .put("corrected", c.corrected())
              .put("confidence", c.confidence().name())
              .put("reason", c.reason());
      if (c.evidence() != null) {
        json.put("evidence", evidenceJson(c.evidence()));
      }
      corrections.add(json);
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
