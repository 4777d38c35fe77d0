package io.cleanercontext.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class CleanerSettingsTest {

  @Test
  void defaults() {
    CleanerSettings cleaner = CleanerSettings.from(new JsonObject());
    assertThat(cleaner.shards()).isZero();
    assertThat(cleaner.cacheSize()).isEqualTo(10_000);
    assertThat(cleaner.defaultWindow()).isEqualTo(10);
    assertThat(cleaner.lexiconPath()).isEmpty();
    assertThat(cleaner.llm().enabled()).isFalse();
  }

  @Test
  void overrides() {
    CleanerSettings cleaner =
        CleanerSettings.from(
            new JsonObject()
                .put("shards", 4)
                .put("cache_size", 1)
                .put("default_window", 3)
                .put("lexicon_path", "other.txt")
                .put("llm", new JsonObject().put("enabled", true).put("model", "m")));
    assertThat(cleaner.shards()).isEqualTo(4);
    assertThat(cleaner.cacheSize()).isEqualTo(1);
    assertThat(cleaner.defaultWindow()).isEqualTo(3);
    assertThat(cleaner.lexiconPath()).isEqualTo("other.txt");
    assertThat(cleaner.llm().enabled()).isTrue();
    assertThat(cleaner.llm().model()).isEqualTo("m");
    assertThat(cleaner.withShards(7).shards()).isEqualTo(7);
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> CleanerSettings.from(new JsonObject().put("default_window", 0)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("cleaner.default_window must be a number in [1, 1000], not 0");
    assertThatThrownBy(() -> CleanerSettings.from(new JsonObject().put("cache_size", 0)))
        .hasMessage("cleaner.cache_size must be a number in [1, 100000000], not 0");
    assertThatThrownBy(() -> CleanerSettings.from(new JsonObject().put("shards", -1)))
        .hasMessage("cleaner.shards must be a number in [0, 4096], not -1");
    assertThatThrownBy(() -> CleanerSettings.from(new JsonObject().put("llm", true)))
        .hasMessage("cleaner.llm must be an object, not true");
    // An enabled LLM that cannot run stops start-up, not the first shard.
    assertThatThrownBy(
            () ->
                CleanerSettings.from(
                    new JsonObject()
                        .put("llm", new JsonObject().put("enabled", true).put("base_url", "x"))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("cleaner.llm.base_url must be an http(s) URL, not 'x'");
  }
}
