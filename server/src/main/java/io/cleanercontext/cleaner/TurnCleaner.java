package io.cleanercontext.cleaner;

import io.cleanercontext.cleaner.engine.CleaningEngine;
import io.cleanercontext.cleaner.engine.CleaningResult;
import io.cleanercontext.cleaner.engine.ConversationContext;
import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.RecognizedWord;
import io.cleanercontext.contract.Speaker;
import io.vertx.core.Future;
import java.util.List;

/**
 * The cleaning function a shard runs: the deterministic engine, or the LLM with it as fallback.
 *
 * <p>Asynchronous because the LLM mode waits on the network. The shard calls it on its own Vert.x
 * context, one turn of a conversation at a time, and adds the result to {@code context} only once
 * the future completes; an implementation must not keep the context beyond that. A failed future
 * (or a thrown exception) means the turn cannot be cleaned and is retried by the queue.
 */
@FunctionalInterface
public interface TurnCleaner {

  /**
   * Cleans one turn against the conversation's cleaned context, without adding it to the context.
   * {@code words} are the speech recogniser's words of the turn (empty when it came without them),
   * for a cleaner that weighs a change to a word by how sure the recogniser was of it.
   */
  Future<CleaningResult> clean(
      Speaker speaker,
      String rawText,
      CleaningLevel level,
      ConversationContext context,
      List<RecognizedWord> words);

  /** {@link #clean(Speaker, String, CleaningLevel, ConversationContext, List)} without words. */
  default Future<CleaningResult> clean(
      Speaker speaker, String rawText, CleaningLevel level, ConversationContext context) {
    return clean(speaker, rawText, level, context, List.of());
  }

  /**
   * The deterministic engine as a cleaner: it answers at once, with an already completed future.
   */
  static TurnCleaner of(CleaningEngine engine) {
    return new TurnCleaner() {
      @Override
      public Future<CleaningResult> clean(
          Speaker speaker,
          String rawText,
          CleaningLevel level,
          ConversationContext context,
          List<RecognizedWord> words) {
        try {
          return Future.succeededFuture(engine.clean(speaker, rawText, level, context, words));
        } catch (RuntimeException e) {
          return Future.failedFuture(e);
        }
      }
    };
  }

  /** A synchronous cleaning function as a cleaner; what it throws becomes a failed future. */
  static TurnCleaner sync(Sync cleaner) {
    return (speaker, rawText, level, context, words) -> {
      try {
        return Future.succeededFuture(cleaner.clean(speaker, rawText, level, context));
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    };
  }

  /** The synchronous shape of a cleaner, e.g. {@code engine::clean}, for {@link #sync(Sync)}. */
  @FunctionalInterface
  interface Sync {
    CleaningResult clean(
        Speaker speaker, String rawText, CleaningLevel level, ConversationContext context);
  }
}
