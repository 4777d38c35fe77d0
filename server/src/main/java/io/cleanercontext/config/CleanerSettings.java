package io.cleanercontext.config;

import io.cleanercontext.cleaner.engine.ConversationContext;
import io.vertx.core.json.JsonObject;

/**
 * The {@code cleaner} section.
 *
 * @param shards cleaner shards (and queue partitions), 0 for one per core ({@code CC_SHARDS}; see
 *     {@link Sizing})
 * @param cacheSize conversations whose state each shard keeps (LRU)
 * @param defaultWindow the sliding window of a conversation created without one
 * @param lexiconPath a deployment's own domain terms, added to the built-in lexicon (relative to
 *     the config directory; empty for none)
 * @param llm the optional LLM cleaning ({@code cleaner.llm}), validated when enabled
 */
public record CleanerSettings(
    int shards, int cacheSize, int defaultWindow, String lexiconPath, LlmSettings llm) {

  public static CleanerSettings from(JsonObject section) {
    SectionReader s = new SectionReader("cleaner", section);
    SectionReader llm = s.object("llm");
    LlmSettings llmSettings;
    try {
      llmSettings = LlmSettings.fromJson(llm.json());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    return new CleanerSettings(
        s.integer("shards", 0, 0, 4096),
        s.integer("cache_size", 10_000, 1, 100_000_000),
        s.integer("default_window", ConversationContext.DEFAULT_WINDOW, 1, 1000),
        s.string("lexicon_path", ""),
        llmSettings);
  }

  public CleanerSettings withShards(int resolved) {
    return new CleanerSettings(resolved, cacheSize, defaultWindow, lexiconPath, llm);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("shards", shards)
        .put("cache_size", cacheSize)
        .put("default_window", defaultWindow)
        .put("lexicon_path", lexiconPath)
        .put("llm_enabled", llm.enabled());
  }
}
