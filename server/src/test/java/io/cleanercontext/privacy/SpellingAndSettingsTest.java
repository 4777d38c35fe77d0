package io.cleanercontext.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpellingAndSettingsTest {
  private static final Redactor REDACTOR = new Redactor();

  private static SpellingRules rules(String json) {
    return SpellingRules.parse(new JsonArray(json));
  }

  @Test
  void spellingReplacesWholeWordsAndPhrasesWhateverTheirCase() {
    SpellingRules r =
        rules(
            "[{\"from\":[\"hailee\",\"haley\"],\"to\":\"Hailey\"},{\"from\":[\"cleaner context\"],\"to\":\"CleanerContext\"}]");
    assertThat(r.apply("Haley said HAILEE likes cleaner  context"))
        .isEqualTo("Hailey said Hailey likes CleanerContext");
    assertThat(r.apply("Haleyville and shailee stay")).isEqualTo("Haleyville and shailee stay");
  }

  @Test
  void theLongestPhraseWinsAndConversationRulesOverrideTheTenants() {
    SpellingRules tenant =
        rules("[{\"from\":[\"new york\"],\"to\":\"NY\"},{\"from\":[\"acme\"],\"to\":\"ACME\"}]");
    SpellingRules conversation =
        rules(
            "[{\"from\":[\"new york city\"],\"to\":\"NYC\"},{\"from\":[\"acme\"],\"to\":\"Acme Ltd\"}]");
    assertThat(tenant.overriddenBy(conversation).apply("acme in new york city and new york"))
        .isEqualTo("Acme Ltd in NYC and NY");
  }

  @Test
  void badRulesAreRefusedNamingTheRule() {
    assertThatThrownBy(
            () -> rules("[{\"from\":[\"a\"],\"to\":\"A\"},{\"from\":[\"b\",\"A\"],\"to\":\"B\"}]"))
        .isInstanceOf(InvalidSetting.class)
        .hasMessage("[1].from[1]: \"A\" is already in [0]");
    assertThatThrownBy(() -> rules("[{\"from\":[],\"to\":\"A\"}]"))
        .hasMessageStartingWith("[0].from:");
    assertThatThrownBy(() -> rules("[{\"from\":[\"x\"],\"to\":\" \"}]"))
        .hasMessageStartingWith("[0].to:");
    assertThatThrownBy(() -> rules("[\"x\"]")).hasMessageStartingWith("[0]:");
    JsonArray many = new JsonArray();
    for (int i = 0; i <= SpellingRules.MAX_RULES; i++) {
      many.add(new JsonObject().put("from", new JsonArray().add("w" + i)).put("to", "W"));
    }
    assertThatThrownBy(() -> SpellingRules.parse(many)).hasMessageContaining("at most 200");
  }

  @Test
  void settingsParseOverrideAndRefuseUnknownValuesByName() {
    PrivacySettings tenant =
        PrivacySettings.parse(
            new JsonObject("{\"redaction\":{\"mode\":\"mask\"},\"raw_text\":\"redacted\"}"));
    PrivacySettings conversation =
        PrivacySettings.parse(new JsonObject("{\"redaction\":{\"types\":[\"card\",\"email\"]}}"));
    PrivacySettings both = tenant.overriddenBy(conversation);
    assertThat(both.policy())
        .isEqualTo(new RedactionPolicy(RedactionMode.MASK, Set.of(PiiType.CARD, PiiType.EMAIL)));
    assertThat(both.raw()).isEqualTo(RawTextPolicy.REDACTED);
    assertThat(PrivacySettings.parse(both.toJson())).isEqualTo(both);
    assertThat(PrivacySettings.UNSET.policy().active()).isFalse();
    assertThatThrownBy(
            () ->
                PrivacySettings.parse(
                    new JsonObject("{\"redaction\":{\"types\":[\"card\",\"iban\"]}}")))
        .hasMessageStartingWith("redaction.types[1]: unknown type \"iban\"");
    assertThatThrownBy(
            () -> PrivacySettings.parse(new JsonObject("{\"redaction\":{\"mode\":\"hide\"}}")))
        .hasMessageStartingWith("redaction.mode:");
    assertThatThrownBy(() -> PrivacySettings.parse(new JsonObject("{\"raw\":\"kept\"}")))
        .hasMessageStartingWith("raw:");
  }

  @Test
  void spellingRunsBeforeRedactionAndMasksFromBeforeCleaningAreRecordedOrRemoved() {
    PrivacyRules rules =
        new PrivacyRules(
            RedactionPolicy.all(RedactionMode.REMOVE),
            RawTextPolicy.REDACTED,
            rules("[{\"from\":[\"haley\"],\"to\":\"Hailey\"}]"));
    String stored = rules.rawToStore(REDACTOR, "haley here, card 4111 1111 1111 1111");
    assertThat(stored).isEqualTo("haley here, card [CARD]");
    RedactedText done = rules.finish(REDACTOR, stored, null);
    assertThat(done.text()).isEqualTo("Hailey here, card");
    assertThat(done.redactions()).containsExactly(new Redaction(PiiType.CARD, 17, 17));
  }
}
