package io.cleanercontext.cleaner.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a word list of the rule data in {@code /cleaning/} (see its README): one entry per line,
 * blank lines and lines starting with {@code #} ignored, entries lower-cased. The files are the
 * project's, so a missing one is a build error, not a runtime condition.
 */
final class WordList {

  private WordList() {}

  /** The entries of {@code resource}, in file order, as an immutable set. */
  static Set<String> load(String resource) {
    Set<String> words = new LinkedHashSet<>();
    for (String line : lines(resource)) {
      words.add(line.toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(words);
  }

  /**
   * The lines of {@code resource} in file order, stripped, as written (case kept): for the files of
   * several columns, which their own class parses.
   */
  static List<String> lines(String resource) {
    InputStream in = WordList.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " is missing from the classpath");
    }
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String s = line.strip();
        if (!s.isEmpty() && !s.startsWith("#")) {
          lines.add(s);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(lines);
  }
}
