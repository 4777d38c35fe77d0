package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Echoes glued to a mark, and the cheap test that spares most turns the pattern. */
class GluedEchoesTest {

  @Test
  void onlyAMarkWithALetterRightAfterItMayGlue() {
    assertThat(GluedEchoes.mayGlue("a day.a day")).isTrue();
    assertThat(GluedEchoes.mayGlue("calls,alls")).isTrue();
    assertThat(GluedEchoes.mayGlue("Yes. Fine, thanks!")).isFalse();
    assertThat(GluedEchoes.mayGlue("3.5 per cent.")).isFalse();
    assertThat(GluedEchoes.mayGlue("")).isFalse();
  }

  @Test
  void removesAGluedEchoAndLeavesOtherTextAsItIs() {
    List<Correction> out = new ArrayList<>();
    assertThat(GluedEchoes.remove("it is expensive.pensive for us", out))
        .isEqualTo("it is expensive. for us");
    assertThat(out).hasSize(1);
    String plain = "Yes. Fine, thanks!";
    assertThat(GluedEchoes.remove(plain, out)).isSameAs(plain);
    assertThat(out).hasSize(1);
  }
}
