package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** Spelling rules for words the CMU dictionary lacks. */
class LetterToSoundTest {

  private static String sounds(String word) {
    StringJoiner out = new StringJoiner(" ");
    for (byte b : LetterToSound.pronounce(word)) {
      out.add(Phones.ALL.get(b));
    }
    return out.toString();
  }

  @Test
  void readsLetterGroupsLongestFirstWithSoftAndSilentLetters() {
    assertThat(sounds("Karndean")).isEqualTo("K AA R N D IY N");
    assertThat(sounds("cinema")).isEqualTo("S IH N EH M AE");
    assertThat(sounds("Gestamp")).isEqualTo("JH EH S T AE M P");
    assertThat(sounds("Lloyd")).isEqualTo("L OY D");
    assertThat(sounds("Callum")).isEqualTo("K AE L AH M");
    assertThat(sounds("Tempe")).isEqualTo("T EH M P");
  }

  @Test
  void readsOnlyTheLettersAToZ() {
    assertThat(sounds("O'Neill")).isEqualTo("AA N EY L");
    assertThat(sounds("ezyVet")).isEqualTo("EH Z IY V EH T");
    assertThat(sounds("\u00e7a-va")).isEqualTo("AE V AE");
    assertThat(sounds("123")).isEmpty();
    assertThat(sounds("")).isEmpty();
  }
}
