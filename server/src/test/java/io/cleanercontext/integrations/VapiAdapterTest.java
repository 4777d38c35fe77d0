package io.cleanercontext.integrations;

import static io.cleanercontext.integrations.Hooks.badField;
import static io.cleanercontext.integrations.Hooks.request;
import static io.cleanercontext.integrations.Hooks.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Vapi server-URL messages as documented at https://docs.vapi.ai/server-url/events (transcript,
 * end-of-call-report) and https://docs.vapi.ai/server-url/server-authentication (x-vapi-secret).
 */
class VapiAdapterTest {
  private final Adapter adapter = Source.VAPI.adapter();

  static String transcript(String role, String kind, String text, long timestamp) {
    return """
        {"message":{"type":"transcript","role":"%s","transcriptType":"%s","transcript":"%s",
          "timestamp":%d,
          "call":{"id":"0c1e5a7e-4d0b-4c3a-9b57-1f0a8e7d2c11","orgId":"org-1","type":"inboundPhoneCall"},
          "assistant":{"name":"Lumen"}}}
        """
        .formatted(role, kind, text, timestamp);
  }

  @Test
  void aFinalTranscriptIsAFinalTurnOfItsRole() {
    PlatformMessage message =
        adapter.parse(
            request(transcript("user", "final", "we use sales force", 1_733_000_000_123L)));
    assertThat(message.callId()).isEqualTo("0c1e5a7e-4d0b-4c3a-9b57-1f0a8e7d2c11");
    PlatformTurn turn = message.turns().get(0);
    assertThat(turn.isFinal()).isTrue();
    assertThat(turn.speakerKey()).isEqualTo("user");
    assertThat(turn.text()).isEqualTo("we use sales force");
    assertThat(turn.words()).isEmpty();
  }

  @Test
  void aPartialTranscriptIsPartial() {
    assertThat(
            adapter
                .parse(request(transcript("assistant", "partial", "Which CRM", 1L)))
                .turns()
                .get(0)
                .isFinal())
        .isFalse();
  }

  @Test
  void aRetriedMessageHasTheSameIdentityAndAnotherMessageAnother() {
    String first =
        adapter.parse(request(transcript("user", "final", "yes", 5L))).turns().get(0).messageId();
    String again =
        adapter.parse(request(transcript("user", "final", "yes", 5L))).turns().get(0).messageId();
    String later =
        adapter.parse(request(transcript("user", "final", "yes", 9L))).turns().get(0).messageId();
    assertThat(again).isEqualTo(first);
    assertThat(later).isNotEqualTo(first);
  }

  @Test
  void theEndOfCallReportEndsTheCallAndOtherTypesAreIgnored() {
    String report =
        """
        {"message":{"type":"end-of-call-report","endedReason":"customer-ended-call",
          "call":{"id":"0c1e5a7e-4d0b-4c3a-9b57-1f0a8e7d2c11"},
          "artifact":{"transcript":"AI: Hello\\nUser: hi","messages":[]}}}
        """;
    PlatformMessage ended = adapter.parse(request(report));
    assertThat(ended.callEnded()).isTrue();
    assertThat(ended.turns()).isEmpty();
    assertThat(
            adapter
                .parse(
                    request(
                        "{\"message\":{\"type\":\"status-update\",\"status\":\"in-progress\"}}"))
                .ignored())
        .isTrue();
  }

  @Test
  void aMalformedMessageNamesTheField() {
    badField(() -> adapter.parse(request("{\"type\":\"transcript\"}")), "message");
    badField(
        () -> adapter.parse(request(transcript("user", "interim", "x", 1L))),
        "message.transcriptType");
    badField(
        () ->
            adapter.parse(
                request(
                    transcript("user", "final", "x", 1L)
                        .replace("\"call\":{\"id\"", "\"call\":{\"uid\""))),
        "message.call.id");
  }

  @Test
  void theSecretHeaderMustMatch() {
    adapter.verify(request("{}", "x-vapi-secret", "vapi-shared"), "vapi-shared");
    unauthorized(() -> adapter.verify(request("{}", "x-vapi-secret", "other"), "vapi-shared"));
    unauthorized(() -> adapter.verify(request("{}"), "vapi-shared"));
  }
}
