package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.Speaker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether a place nobody said lies near one the call named. */
class NamedPlacesTest {

  @Test
  void aPlaceNearOneTheTurnNamedIsNear() {
    assertThat(new NamedPlaces(null, "We're in Sheffield, and up to barns lee.").near("Barnsley"))
        .isEqualTo(1.0);
    assertThat(new NamedPlaces(null, "We're based in San Antonio.").near("New Braunfels"))
        .isEqualTo(1.0);
    // no place named, or only far ones: no evidence
    assertThat(new NamedPlaces(null, "We go up to barns lee a lot.").near("Barnsley")).isZero();
    assertThat(new NamedPlaces(null, "We're in Phoenix.").near("Barnsley")).isZero();
  }

  @Test
  void theCallsEarlierTurnsAndKeytermsNamePlacesToo() {
    ConversationContext context = new ConversationContext(10);
    context.add(Speaker.AI, "Which areas do you cover from Exeter?");
    assertThat(new NamedPlaces(context, "down to tor key in summer").near("Torquay"))
        .isEqualTo(1.0);
    ConversationContext keyterms = new ConversationContext(10);
    keyterms.setKeyterms(List.of("Liverpool"));
    assertThat(new NamedPlaces(keyterms, "over to bur can head").near("Birkenhead")).isEqualTo(1.0);
  }

  @Test
  void aNameTheCallSaidIsItsBestKnownPlace() {
    // Bristol, England: Vermont's Clarendon lies near Bristol, Vermont, not near the city
    assertThat(new NamedPlaces(null, "We're based in Bristol.").near("Clarendon")).isZero();
    assertThat(new NamedPlaces(null, "We're based in Bristol.").near("Weston-super-Mare"))
        .isEqualTo(1.0);
  }
}
