package io.cleanercontext.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Ingest's typed reply travels the local event bus as it is, whatever the number of ingests. */
@ExtendWith(VertxExtension.class)
class SubmissionAcceptedTest {
  @Test
  void aReplyArrivesAsTheSameRecordAndRegisteringTwiceIsHarmless(Vertx vertx) {
    SubmissionAccepted.register(vertx);
    SubmissionAccepted.register(vertx); // a second ingest instance
    SubmissionAccepted sent =
        new SubmissionAccepted(
            List.of(new TurnAccepted("j", "t", 1, "c", 0, Speaker.USER, 1L, "memory")), true);
    vertx.eventBus().consumer("test.submit", msg -> msg.reply(sent)).completion().await();

    SubmissionAccepted received =
        vertx
            .eventBus()
            .<SubmissionAccepted>request(
                "test.submit", "x", new DeliveryOptions().setLocalOnly(true))
            .await()
            .body();

    assertThat(received).isSameAs(sent);
  }
}
