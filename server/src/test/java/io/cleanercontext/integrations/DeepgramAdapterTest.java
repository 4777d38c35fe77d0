package io.cleanercontext.integrations;

import static io.cleanercontext.integrations.Hooks.badField;
import static io.cleanercontext.integrations.Hooks.request;
import static io.cleanercontext.integrations.Hooks.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.RecognizedWord;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Deepgram live messages as documented at
 * https://developers.deepgram.com/reference/speech-to-text/listen-streaming (response schema),
 * https://developers.deepgram.com/docs/understand-endpointing-interim-results (is_final,
 * speech_final) and https://developers.deepgram.com/docs/utterance-end (UtteranceEnd).
 */
class DeepgramAdapterTest {
  private final Adapter adapter = Source.DEEPGRAM.adapter();

  static String results(boolean isFinal, String transcript, double start) {
    return results(isFinal, isFinal, transcript, start);
  }

  /** A Results message of channel 1 of 2 whose words start at {@code start}. */
  static String results(boolean isFinal, boolean speechFinal, String transcript, double start) {
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
        .formatted(start, isFinal, speechFinal, transcript, start);
  }

  /** An UtteranceEnd of channel {@code channel} of 2. */
  static String utteranceEnd(int channel, double lastWordEnd) {
    return "{\"type\":\"UtteranceEnd\",\"channel\":[%d,2],\"last_word_end\":%s}"
        .formatted(channel, lastWordEnd);
  }

  /** The Metadata message Deepgram sends last, when the stream closes. */
  static final String METADATA =
      """
      {"type":"Metadata","transaction_key":"deprecated",
       "request_id":"52cc0efe-1173-4a9c-a4b5-1ed9c1b8e2d8",
       "sha256":"4a1e5d3b7cbd7ad3e5e39f0d2e0e1b1a9c2e2f8a7d5b4c3a2b1c0d9e8f7a6b5c",
       "created":"2026-12-06T03:40:00.000Z","duration":12.5,"channels":2,
       "models":["1dbdfb4d-85b2-4659-9e4b-0a6a2bd1e57e"],
       "model_info":{"1dbdfb4d-85b2-4659-9e4b-0a6a2bd1e57e":{"name":"general-nova-3","version":"2024-01-26","arch":"nova-3"}}}
      """;

  @Test
  void aFinalResultIsASegmentOfItsChannelAndSpeechFinalEndsTheUtteranceThroughIt() {
    PlatformMessage open = adapter.parse(request(results(true, false, "We use", 4.0)));
    assertThat(open.turns())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.isFinal()).isTrue();
              assertThat(t.segment()).isEqualTo(new PlatformTurn.Segment("channel:1", 4.0));
            });
    assertThat(open.utteranceEnds()).isEmpty();
    PlatformMessage closing = adapter.parse(request(results(true, true, "salesforce.", 6.04)));
    assertThat(closing.turns().get(0).segment().start()).isEqualTo(6.04);
    assertThat(closing.utteranceEnds())
        .containsExactly(new PlatformMessage.UtteranceEnd("channel:1", 6.04));
    // An endpoint after silence: an empty final result still ends the utterance.
    PlatformMessage silence = adapter.parse(request(results(true, true, "", 8.0)));
    assertThat(silence.turns()).isEmpty();
    assertThat(silence.utteranceEnds())
        .containsExactly(new PlatformMessage.UtteranceEnd("channel:1", 8.0));
  }

  @Test
  void anUtteranceEndEndsItsChannelsUtteranceBeforeItsLastWordsEndAndNeedsTheCall() {
    PlatformMessage end = adapter.parse(request(utteranceEnd(0, 2.1), "call-7", new JsonObject()));
    assertThat(end.ignored()).isFalse();
    assertThat(end.callId()).isEqualTo("call-7");
    assertThat(end.turns()).isEmpty();
    assertThat(end.utteranceEnds())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo("channel:0");
              assertThat(e.through()).isLessThan(2.1).isGreaterThan(2.0999999);
            });
    badField(() -> adapter.parse(request(utteranceEnd(0, 2.1))), "call_id");
    badField(
        () ->
            adapter.parse(
                request(
                    "{\"type\":\"UtteranceEnd\",\"channel\":[\"a\"]}", "call-7", new JsonObject())),
        "channel[0]");
  }

  @Test
  void theStreamsMetadataEndsEveryUtteranceOfTheCall() {
    PlatformMessage end = adapter.parse(request(METADATA));
    assertThat(end.callId()).isEqualTo("52cc0efe-1173-4a9c-a4b5-1ed9c1b8e2d8");
    assertThat(end.utteranceEnds()).containsExactly(new PlatformMessage.UtteranceEnd(null, null));
    assertThat(end.callEnded()).isFalse();
  }

  @Test
  void aFinalResultCarriesItsWordsConfidencesAndTimings() {
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
    assertThat(message.turns()).singleElement().matches(t -> !t.isFinal() && t.segment() == null);
    assertThat(message.utteranceEnds()).isEmpty();
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
    assertThat(adapter.parse(request(results(true, false, "", 9.0))).turns()).isEmpty();
  }

  @Test
  void otherMessageTypesAreIgnored() {
    assertThat(
            adapter
                .parse(request("{\"type\":\"SpeechStarted\",\"channel\":[0],\"timestamp\":2.4}"))
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
