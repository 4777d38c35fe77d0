package io.cleanercontext.integrations;

import static io.cleanercontext.integrations.Hooks.NOW;
import static io.cleanercontext.integrations.Hooks.badField;
import static io.cleanercontext.integrations.Hooks.request;
import static io.cleanercontext.integrations.Hooks.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.RecognizedWord;
import org.junit.jupiter.api.Test;

/**
 * Retell webhook events as documented at https://docs.retellai.com/features/webhook-overview, and
 * the signature as Retell's SDK computes it (retell-python-sdk src/retell/lib/webhook_auth.py:
 * {@code v=<ms>,d=hex(HMAC-SHA256(api_key, body + ms))}, five-minute window).
 */
class RetellAdapterTest {
  private final Adapter adapter = Source.RETELL.adapter();
  static final String KEY = "key_3b1f4e8a9c2d";

  static String event(String event) {
    return """
        {"event":"%s","call":{"call_type":"phone_call","call_id":"Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6",
          "agent_id":"oBeDLoLOeuAbiuaMFXRtDOLriTJ5tSxD","call_status":"ended",
          "start_timestamp":1714608475945,"end_timestamp":1714608491736,
          "transcript":"Agent: hi how are you doing?\\nUser: Doing pretty well.",
          "transcript_object":[
            {"role":"agent","content":"hi how are you doing?",
             "words":[{"word":"hi","start":0.7,"end":1.3},{"word":"how","start":1.3,"end":1.6}]},
            {"role":"user","content":"Doing pretty well.",
             "words":[{"word":"Doing","start":3.2,"end":3.5},{"word":"pretty","start":3.5,"end":3.8},
                      {"word":"well.","start":3.8,"end":4.1}]}],
          "disconnection_reason":"user_hangup"}}
        """
        .formatted(event);
  }

  @Test
  void callEndedCarriesTheWholeTranscriptAsFinalTurnsAndEndsTheCall() {
    PlatformMessage message = adapter.parse(request(event("call_ended")));
    assertThat(message.callId()).isEqualTo("Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6");
    assertThat(message.callEnded()).isTrue();
    assertThat(message.turns())
        .extracting(PlatformTurn::speakerKey)
        .containsExactly("agent", "user");
    assertThat(message.turns()).allMatch(PlatformTurn::isFinal);
    assertThat(message.turns().get(1).words().get(2))
        .isEqualTo(new RecognizedWord("well.", null, 3.8, 4.1));
  }

  @Test
  void callAnalyzedRepeatsTheSameUtterancesSoNothingNewIsStored() {
    PlatformMessage ended = adapter.parse(request(event("call_ended")));
    PlatformMessage analyzed = adapter.parse(request(event("call_analyzed")));
    assertThat(analyzed.callEnded()).isFalse();
    assertThat(analyzed.turns())
        .extracting(PlatformTurn::messageId)
        .containsExactlyElementsOf(ended.turns().stream().map(PlatformTurn::messageId).toList());
  }

  @Test
  void callStartedOpensTheCallWithoutTurnsAndOtherEventsAreIgnored() {
    PlatformMessage started = adapter.parse(request(event("call_started")));
    assertThat(started.callId()).isNotNull();
    assertThat(started.turns()).isEmpty();
    assertThat(adapter.parse(request("{\"event\":\"transfer_started\",\"call\":{}}")).ignored())
        .isTrue();
  }

  @Test
  void aMalformedEventNamesTheField() {
    badField(() -> adapter.parse(request("{\"call\":{}}")), "event");
    badField(
        () -> adapter.parse(request("{\"event\":\"call_ended\",\"call\":{}}")), "call.call_id");
    badField(
        () ->
            adapter.parse(request(event("call_ended").replace("\"role\":\"user\"", "\"role\":5"))),
        "call.transcript_object[1].role");
  }

  @Test
  void theSignatureIsCheckedOverTheExactBodyAndItsTime() {
    String body = event("call_ended");
    adapter.verify(
        request(body, "x-retell-signature", RetellAdapter.sign(body, KEY, NOW - 1000)), KEY);
    // Another key, a changed body, an old timestamp, a missing or malformed header: 401.
    unauthorized(
        () ->
            adapter.verify(
                request(body, "x-retell-signature", RetellAdapter.sign(body, "other", NOW)), KEY));
    unauthorized(
        () ->
            adapter.verify(
                request(body + " ", "x-retell-signature", RetellAdapter.sign(body, KEY, NOW)),
                KEY));
    unauthorized(
        () ->
            adapter.verify(
                request(body, "x-retell-signature", RetellAdapter.sign(body, KEY, NOW - 301_000)),
                KEY));
    unauthorized(() -> adapter.verify(request(body), KEY));
    unauthorized(() -> adapter.verify(request(body, "x-retell-signature", "sha256=abc"), KEY));
  }

  @Test
  void theSignatureMatchesAnHmacComputedIndependently() throws Exception {
    // HMAC-SHA256("k", "{}" + "1700000000000") by the JDK, independently of the adapter's code.
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec("k".getBytes(), "HmacSHA256"));
    String digest = java.util.HexFormat.of().formatHex(mac.doFinal("{}1700000000000".getBytes()));
    assertThat(RetellAdapter.sign("{}", "k", 1_700_000_000_000L))
        .isEqualTo("v=1700000000000,d=" + digest);
  }
}
