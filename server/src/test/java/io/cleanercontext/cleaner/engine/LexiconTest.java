package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LexiconTest {

  @Test
  void theBuiltInLexiconComesFromTheClasspath() {
    assertThat(Lexicon.builtIn().terms()).contains("Google Ads", "Director of Marketing");
  }

  @Test
  void aDeploymentsOwnTermsAreAddedAndTheBuiltInSpellingWins(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ours.txt");
    Files.write(file, List.of("# our tools", "Kingsmead Dental", "google ads"));
    Lexicon ours = Lexicon.builtIn().with(file);
    assertThat(ours.terms())
        .contains("Kingsmead Dental", "Google Ads")
        .doesNotContain("google ads");
    assertThat(ours.size()).isEqualTo(Lexicon.builtIn().size() + 1);
  }
}
