package io.cleanercontext.integrations;

import static io.cleanercontext.integrations.Hooks.badField;
import static io.cleanercontext.integrations.Hooks.request;
import static io.cleanercontext.integrations.Hooks.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.RecognizedWord;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Deepgram live {@code Results} as documented at
 * https://developers.deepgram.com/reference/speech-to-text/listen-streaming (response schema) and
 * https://developers.deepgram.com/docs/understand-endpointing-interim-results (is_final,
 * speech_final).
 */
class DeepgramAdapterTest {
  private final Adapter adapter = Source.DEEPGRAM.adapter();

  static String results(boolean isFinal, String transcript, double start) {
    return """
        {"type":"Results","channel_index":[1,2],"duration":1.98,"start":%s,
         "is_final":%s,"speech_final":%s,
         "channel":{"alternatives":[{"transcript":"%s","confidence":0.97,
           "words":[{"word":"we","start":%s,"end":6.28,"confidence":0.99,"punctuated_word":"We"},
                    {"word":"use","start":6.28,"end":6.5,"confidence":0.42,"punctuated_word":"use"},
                    {"word":"salesforce","start":6.5,"end":7.1,"confidence":0.61,"punctuated_word":"salesforce."}]}]},
         "metadata":{"request_id":"52cc0efe-1173-4a9c-a4b5-1ed9c1b8e2d8",
           "model_info":{"name":"general-nova-3","version":"2024-01-26","arch":"nova-3"},
           "model_uuid":"1dbdfb4d-85b2-4659-9e4b-0a6a2bd1e57e"},
         "from_finalize":false}
        """
        .formatted(start, isFinal, isFinal, transcript, start);
  }

  @Test
  void aFinalResultIsOneFinalTurnWithItsWordsConfidencesAndTimings() {
    PlatformMessage message = adapter.parse(request(results(true, "We use salesforce.", 6.04)));
    assertThat(message.ignored()).isFalse();
    assertThat(message.callId()).isEqualTo("52cc0efe-1173-4a9c-a4b5-1ed9c1b8e2d8");
    assertThat(message.turns()).hasSize(1);
    PlatformTurn turn = message.turns().get(0);
    assertThat(turn.isFinal()).isTrue();
    assertThat(turn.text()).isEqualTo("We use salesforce.");
    assertThat(turn.speakerKey()).isEqualTo("channel:1");
    assertThat(turn.words())
        .containsExactly(
            new RecognizedWord("We", 0.99, 6.04, 6.28),
            new RecognizedWord("use", 0.42, 6.28, 6.5),
            new RecognizedWord("salesforce.", 0.61, 6.5, 7.1));
  }

  @Test
  void anInterimResultIsPartialAndTheRelaysCallIdNamesTheCall() {
    PlatformMessage message =
        adapter.parse(request(results(false, "We use", 6.04), "call-42", new JsonObject()));
    assertThat(message.callId()).isEqualTo("call-42");
    assertThat(message.turns()).singleElement().matches(t -> !t.isFinal());
  }

  @Test
  void aRetriedResultHasTheSameIdentityAndTheNextSegmentAnother() {
    String first =
        adapter
            .parse(request(results(true, "We use salesforce.", 6.04)))
            .turns()
            .get(0)
            .messageId();
    String again =
        adapter
            .parse(request(results(true, "We use salesforce.", 6.04)))
            .turns()
            .get(0)
            .messageId();
    String next =
        adapter
            .parse(request(results(true, "We use salesforce.", 8.02)))
            .turns()
            .get(0)
            .messageId();
    assertThat(again).isEqualTo(first);
    assertThat(next).isNotEqualTo(first);
  }

  @Test
  void diarizedWordsNameTheSpeakerAndSilenceIsNoTurn() {
    String diarized =
        results(true, "We use salesforce.", 6.04)
            .replace("\"confidence\":0.99,", "\"confidence\":0.99,\"speaker\":0,");
    assertThat(adapter.parse(request(diarized)).turns().get(0).speakerKey()).isEqualTo("speaker:0");
    assertThat(adapter.parse(request(results(true, "", 9.0))).turns()).isEmpty();
  }

  @Test
  void otherMessageTypesAreIgnored() {
    assertThat(
            adapter
                .parse(
                    request("{\"type\":\"UtteranceEnd\",\"channel\":[0,1],\"last_word_end\":2.4}"))
                .ignored())
        .isTrue();
  }

  @Test
  void aMalformedResultNamesTheField() {
    badField(() -> adapter.parse(request("not json")), null);
    badField(
        () ->
            adapter.parse(
                request(results(true, "x", 1).replace("\"transcript\":\"x\"", "\"transcript\":7"))),
        "channel.alternatives[0].transcript");
    badField(
        () -> adapter.parse(request(results(true, "x", 1).replace("\"request_id\"", "\"req\""))),
        "metadata.request_id");
    badField(
        () ->
            adapter.parse(
                request(
                    results(true, "x", 1)
                        .replace("\"confidence\":0.42", "\"confidence\":\"high\""))),
        "channel.alternatives[0].words[1].confidence");
  }

  @Test
  void theRelayMustSendTheIntegrationsSecret() {
    adapter.verify(request("{}", "X-Integration-Secret", "s3cret"), "s3cret");
    unauthorized(() -> adapter.verify(request("{}", "X-Integration-Secret", "guess"), "s3cret"));
    unauthorized(() -> adapter.verify(request("{}"), "s3cret"));
  }
}
