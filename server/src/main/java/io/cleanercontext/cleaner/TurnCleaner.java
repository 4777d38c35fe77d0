package io.cleanercontext.cleaner;

import io.cleanercontext.cleaner.engine.CleaningLevel;
import io.cleanercontext.cleaner.engine.CleaningResult;
import io.cleanercontext.cleaner.engine.ConversationContext;
import io.cleanercontext.cleaner.engine.Speaker;

/** The cleaning function a shard runs: the deterministic engine, or the LLM with it as fallback. */
@FunctionalInterface
public interface TurnCleaner {
  CleaningResult clean(Speaker speaker, String rawText, CleaningLevel level, ConversationContext context);
}
