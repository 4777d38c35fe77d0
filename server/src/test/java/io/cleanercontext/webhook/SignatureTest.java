package io.cleanercontext.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.security.WebhookSecrets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Standard Webhooks reference test vector, as its libraries' own tests use it. */
class SignatureTest {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330L;
  private static final String PAYLOAD = "{\"test\": 2432232314}";

  @Test
  void signsTheReferenceVectorAsTheSpecificationDoes() {
    assertThat(Signature.sign(SECRET, ID, TIMESTAMP, PAYLOAD))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void signsWithEverySecretOfARotationOverlapSeparatedBySpaces() {
    String next = WebhookSecrets.generate();
    String header = Signature.header(List.of(next, SECRET), ID, TIMESTAMP, PAYLOAD);
    assertThat(header.split(" "))
        .containsExactly(
            Signature.sign(next, ID, TIMESTAMP, PAYLOAD),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void generatedSecretsHaveThePrefixAndAKeyOfTwentyFourBytes() {
    String secret = WebhookSecrets.generate();
    assertThat(secret).startsWith("whsec_");
    assertThat(WebhookSecrets.key(secret)).hasSize(24);
    assertThat(WebhookSecrets.generate()).isNotEqualTo(secret);
  }

  @Test
  void aChangedBodyOrTimestampChangesTheSignature() {
    String reference = Signature.sign(SECRET, ID, TIMESTAMP, PAYLOAD);
    assertThat(Signature.sign(SECRET, ID, TIMESTAMP + 1, PAYLOAD)).isNotEqualTo(reference);
    assertThat(Signature.sign(SECRET, ID, TIMESTAMP, "{\"test\": 2432232315}"))
        .isNotEqualTo(reference);
  }
}
