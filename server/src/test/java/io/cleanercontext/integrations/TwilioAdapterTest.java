package io.cleanercontext.integrations;

import static io.cleanercontext.integrations.Hooks.at;
import static io.cleanercontext.integrations.Hooks.badField;
import static io.cleanercontext.integrations.Hooks.request;
import static io.cleanercontext.integrations.Hooks.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.RecognizedWord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Twilio Real-Time Transcription callbacks as documented at
 * https://www.twilio.com/docs/voice/twiml/transcription#statuscallbackurl, and X-Twilio-Signature
 * as documented at https://www.twilio.com/docs/usage/security#validating-requests.
 */
class TwilioAdapterTest {
  private final Adapter adapter = Source.TWILIO.adapter();
  static final String TOKEN = "12345";
  static final String URL = "https://cc.example.com/api/v1/integrations/twilio/abc";

  static String content(String track, boolean isFinal, int sequence, String transcriptionData) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", "AC00000000000000000000000000000000");
    params.put("CallSid", "CA11111111111111111111111111111111");
    params.put("TranscriptionSid", "GT22222222222222222222222222222222");
    params.put("Timestamp", "2026-12-06T00:00:00.000000Z");
    params.put("SequenceId", Integer.toString(sequence));
    params.put("TranscriptionEvent", "transcription-content");
    params.put("LanguageCode", "en-US");
    params.put("Track", track);
    params.put("TranscriptionData", transcriptionData);
    params.put("Final", Boolean.toString(isFinal));
    return encode(params);
  }

  static String encode(Map<String, String> params) {
    return params.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static final String DATA = "{\"transcript\":\"we use sales force\",\"confidence\":0.8123}";

  @Test
  void aFinalContentCallbackIsAFinalTurnOfItsTrack() {
    PlatformMessage message = adapter.parse(request(content("inbound_track", true, 3, DATA)));
    assertThat(message.callId()).isEqualTo("CA11111111111111111111111111111111");
    PlatformTurn turn = message.turns().get(0);
    assertThat(turn.isFinal()).isTrue();
    assertThat(turn.speakerKey()).isEqualTo("inbound_track");
    assertThat(turn.text()).isEqualTo("we use sales force");
    assertThat(turn.words())
        .hasSize(4)
        .allMatch(w -> w.confidence() == 0.8123 && w.start() == null);
    assertThat(turn.words().get(2)).isEqualTo(new RecognizedWord("sales", 0.8123, null, null));
  }

  @Test
  void aNonFinalCallbackIsPartialAndOtherEventsAreIgnored() {
    assertThat(
            adapter
                .parse(request(content("outbound_track", false, 1, DATA)))
                .turns()
                .get(0)
                .isFinal())
        .isFalse();
    assertThat(
            adapter
                .parse(request("TranscriptionEvent=transcription-started&CallSid=CA1"))
                .ignored())
        .isTrue();
  }

  @Test
  void aRetriedCallbackHasTheSameIdentityAndTheNextSequenceAnother() {
    String first =
        adapter.parse(request(content("inbound_track", true, 3, DATA))).turns().get(0).messageId();
    String again =
        adapter.parse(request(content("inbound_track", true, 3, DATA))).turns().get(0).messageId();
    String next =
        adapter.parse(request(content("inbound_track", true, 4, DATA))).turns().get(0).messageId();
    assertThat(again).isEqualTo(first);
    assertThat(next).isNotEqualTo(first);
  }

  @Test
  void aMalformedCallbackNamesTheParameter() {
    badField(
        () -> adapter.parse(request(content("inbound_track", true, 3, "not json"))),
        "TranscriptionData");
    badField(
        () -> adapter.parse(request(content("inbound_track", true, 3, "{\"confidence\":1}"))),
        "TranscriptionData.transcript");
    badField(
        () ->
            adapter.parse(
                request(content("inbound_track", true, 3, DATA).replace("CallSid=", "CallSidX="))),
        "CallSid");
    badField(
        () ->
            adapter.parse(
                request(
                    content("inbound_track", true, 3, DATA).replace("Final=true", "Final=maybe"))),
        "Final");
  }

  @Test
  void theDocumentedSignatureExampleVerifies() {
    // Twilio's own vectors (twilio.com/docs/usage/security and the RequestValidatorTest of its
    // helper libraries): this URL and these parameters signed with auth token 12345, in any order;
    // a repeated parameter counts each distinct value once, sorted.
    String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    Map<String, List<String>> params =
        TwilioAdapter.form(
            "Digits=1234&To=%2B18005551212&From=%2B14158675309&Caller=%2B14158675309&CallSid=CA1234567890ABCDE");
    assertThat(TwilioAdapter.sign(url, params, TOKEN)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    Map<String, List<String>> repeated =
        TwilioAdapter.form("Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234");
    assertThat(TwilioAdapter.sign(url, repeated, TOKEN)).isEqualTo("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
  }

  @Test
  void aWrongOrMissingSignatureIs401() {
    String body = content("inbound_track", true, 3, DATA);
    String signature = TwilioAdapter.sign(URL, TwilioAdapter.form(body), TOKEN);
    adapter.verify(at(URL, body, "X-Twilio-Signature", signature), TOKEN);
    unauthorized(
        () -> adapter.verify(at(URL + "?x=1", body, "X-Twilio-Signature", signature), TOKEN));
    unauthorized(
        () ->
            adapter.verify(
                at(URL, body.replace("sales", "sails"), "X-Twilio-Signature", signature), TOKEN));
    unauthorized(
        () -> adapter.verify(at(URL, body, "X-Twilio-Signature", signature), "another-token"));
    unauthorized(() -> adapter.verify(at(URL, body), TOKEN));
  }
}
