package io.cleanercontext.cleaner.engine;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Spoken contractions and their word classes ({@link EnglishDictionary} constants): LanguageTool's
 * tagger dictionary has none, because LanguageTool splits them before tagging. The table is rule
 * data, {@code cleaning/contractions.txt}.
 */
final class Contractions {

  private static final String RESOURCE = "/cleaning/contractions.txt";

  static final Map<String, Integer> CLASSES = load();

  private Contractions() {}

  private static Map<String, Integer> load() {
    Map<String, Integer> classes = new HashMap<>();
    for (String line : WordList.lines(RESOURCE)) {
      String[] f = line.split("\\s+");
      if (f.length != 2) {
        throw new IllegalStateException(RESOURCE + ": a contraction and its classes: " + line);
      }
      classes.put(f[0].toLowerCase(Locale.ROOT), WordClasses.named(f[1], RESOURCE));
    }
    return Map.copyOf(classes);
  }
}
