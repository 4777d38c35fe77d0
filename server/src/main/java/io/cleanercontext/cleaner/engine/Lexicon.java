package io.cleanercontext.cleaner.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Domain terms (job titles, marketing and sales terms), one per line; '#' starts a comment. */
public final class Lexicon {
  private final List<String> terms;

  private Lexicon(List<String> terms) {
    this.terms = terms;
  }

  public static Lexicon load(Path file) throws IOException {
    return new Lexicon(Files.readAllLines(file).stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
  }

  public static Lexicon empty() {
    return new Lexicon(List.of());
  }

  public List<String> terms() {
    return terms;
  }
}
