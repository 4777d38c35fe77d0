package io.cleanercontext.integrations;

import static io.cleanercontext.integrations.Hooks.badField;
import static io.cleanercontext.integrations.Hooks.request;
import static io.cleanercontext.integrations.Hooks.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.RecognizedWord;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * AssemblyAI Universal-Streaming {@code Turn} messages as documented at
 * https://www.assemblyai.com/docs/streaming/universal-streaming/message-sequence (the "Hi my name
 * is Sonny" walk-through) and
 * https://www.assemblyai.com/docs/api-reference/streaming-api/universal-streaming.
 */
class AssemblyAiAdapterTest {
  private final Adapter adapter = Source.ASSEMBLYAI.adapter();
  private static final JsonObject DEFAULTS = new JsonObject();

  static String turn(boolean endOfTurn, boolean formatted, String transcript) {
    return """
        {"turn_order":0,"turn_is_formatted":%s,"end_of_turn":%s,"transcript":"%s",
         "end_of_turn_confidence":0.835,
         "words":[{"start":1920,"end":2000,"text":"Hi,","confidence":0.874618,"word_is_final":true},
                  {"start":2800,"end":2880,"text":"my","confidence":0.812831,"word_is_final":true},
                  {"start":3040,"end":3280,"text":"name","confidence":0.31,"word_is_final":true}],
         "utterance":"","type":"Turn"}
        """
        .formatted(formatted, endOfTurn, transcript);
  }

  @Test
  void theFormattedEndOfTurnIsTheFinalTurnWithWordsInSeconds() {
    PlatformMessage message =
        adapter.parse(request(turn(true, true, "Hi, my name"), "call-7", DEFAULTS));
    PlatformTurn turn = message.turns().get(0);
    assertThat(message.callId()).isEqualTo("call-7");
    assertThat(turn.isFinal()).isTrue();
    assertThat(turn.text()).isEqualTo("Hi, my name");
    assertThat(turn.words().get(0)).isEqualTo(new RecognizedWord("Hi,", 0.874618, 1.92, 2.0));
    assertThat(turn.words().get(2).confidence()).isEqualTo(0.31);
  }

  @Test
  void partialsAndTheUnformattedEndOfTurnArePartialUnlessFormattingIsOff() {
    assertThat(
            adapter
                .parse(request(turn(false, false, "hi my"), "c", DEFAULTS))
                .turns()
                .get(0)
                .isFinal())
        .isFalse();
    assertThat(
            adapter
                .parse(request(turn(true, false, "hi my name"), "c", DEFAULTS))
                .turns()
                .get(0)
                .isFinal())
        .isFalse();
    JsonObject unformatted = new JsonObject().put("format_turns", false);
    assertThat(
            adapter
                .parse(request(turn(true, false, "hi my name"), "c", unformatted))
                .turns()
                .get(0)
                .isFinal())
        .isTrue();
  }

  @Test
  void aRetriedTurnHasTheSameIdentityAndItsFormattedVersionAnother() {
    String first =
        adapter
            .parse(request(turn(true, true, "Hi, my name"), "c", DEFAULTS))
            .turns()
            .get(0)
            .messageId();
    String again =
        adapter
            .parse(request(turn(true, true, "Hi, my name"), "c", DEFAULTS))
            .turns()
            .get(0)
            .messageId();
    String unformatted =
        adapter
            .parse(request(turn(true, false, "hi my name"), "c", DEFAULTS))
            .turns()
            .get(0)
            .messageId();
    assertThat(again).isEqualTo(first);
    assertThat(unformatted).isNotEqualTo(first);
  }

  @Test
  void sessionMessagesAreIgnored() {
    String begin =
        "{\"type\":\"Begin\",\"id\":\"de5d9927-73a6-4be8-b52d-b4c07be37e6b\",\"expires_at\":1759796682}";
    assertThat(adapter.parse(request(begin, "c", DEFAULTS)).ignored()).isTrue();
  }

  @Test
  void aMalformedTurnOrAMissingCallIdNamesTheField() {
    badField(() -> adapter.parse(request(turn(true, true, "Hi"), null, DEFAULTS)), "call_id");
    badField(
        () ->
            adapter.parse(
                request(
                    turn(true, true, "Hi")
                        .replace("\"end_of_turn\":true", "\"end_of_turn\":\"yes\""),
                    "c",
                    DEFAULTS)),
        "end_of_turn");
    badField(
        () ->
            adapter.parse(
                request(
                    turn(true, true, "Hi").replace("\"text\":\"my\"", "\"text\":null"),
                    "c",
                    DEFAULTS)),
        "words[1].text");
  }

  @Test
  void theRelayMustSendTheIntegrationsSecret() {
    adapter.verify(request("{}", "X-Integration-Secret", "k"), "k");
    unauthorized(() -> adapter.verify(request("{}", "X-Integration-Secret", "K"), "k"));
  }
}
