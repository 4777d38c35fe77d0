package io.cleanercontext.cleaner.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Domain terms the engine may restore when the STT mishears them: job titles, marketing and sales
 * vocabulary, common tools. Immutable and shared by all conversations.
 *
 * <p>File format (UTF-8): one term per line, written exactly as it should appear in a cleaned turn
 * ("Director of Marketing", "Google Ads", "lead generation"). Blank lines and lines starting with
 * {@code #} are ignored. Surrounding whitespace is trimmed; duplicate terms (ignoring case) keep
 * the first spelling. The terms under the heading {@value #TITLES_HEADING} (up to the next {@code
 * ##} heading) are job titles ({@link #isTitle}).
 *
 * <p>The built-in lexicon is {@code /cleaning/domain-lexicon.txt} on the classpath; a deployment
 * may add its own terms ({@code cleaner.lexicon_path}) with {@link #with(Path)}.
 */
public final class Lexicon {

  private static final Lexicon EMPTY = new Lexicon(List.of());
  static final String BUILT_IN = "/cleaning/domain-lexicon.txt";

  /** Read on first use: the file is the project's, so a problem with it is a build error. */
  private static final class BuiltIn {
    static final Lexicon LEXICON = new Lexicon(lines(BUILT_IN));
  }

  /** The heading above the job titles: their terms are also {@linkplain #isTitle titles}. */
  static final String TITLES_HEADING = "## Job titles";

  private final TermIndex index;
  private final Set<String> titles;

  private Lexicon(Collection<String> entries) {
    this(entries, Set.of());
  }

  private Lexicon(Collection<String> entries, Set<String> moreTitles) {
    Map<String, Term> terms = new LinkedHashMap<>();
    Set<String> titlePhrases = new HashSet<>(moreTitles);
    boolean inTitles = false;
    for (String e : entries) {
      String s = e.strip();
      if (s.startsWith("##")) {
        inTitles = s.equalsIgnoreCase(TITLES_HEADING);
      }
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      Term t = new Term(s, Term.Source.LEXICON);
      if (!t.joinedKey.isEmpty()) {
        terms.putIfAbsent(t.phrase, t);
        if (inTitles) {
          titlePhrases.add(t.phrase);
        }
      }
    }
    this.index = new TermIndex(terms.values());
    this.titles = Set.copyOf(titlePhrases);
  }

  /** Reads a lexicon file in the format described on this class. */
  public static Lexicon load(Path file) throws IOException {
    return new Lexicon(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /** The project's domain lexicon (job titles, marketing and sales vocabulary, common tools). */
  public static Lexicon builtIn() {
    return BuiltIn.LEXICON;
  }

  /** This lexicon plus the terms of {@code file} (same format); this lexicon's spelling wins. */
  public Lexicon with(Path file) throws IOException {
    List<String> all = new ArrayList<>(terms());
    all.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
    return new Lexicon(all, titles);
  }

  /** A lexicon built from terms in memory (lines in the file format; comments allowed). */
  public static Lexicon of(Collection<String> terms) {
    return new Lexicon(new ArrayList<>(terms));
  }

  /** No domain terms: the engine then corrects only against what the AI said. */
  public static Lexicon empty() {
    return EMPTY;
  }

  /** Number of distinct terms. */
  public int size() {
    return index.terms().size();
  }

  /** The terms as written in the file, in file order. */
  public List<String> terms() {
    List<String> out = new ArrayList<>(index.terms().size());
    for (Term t : index.terms()) {
      out.add(t.surface);
    }
    return List.copyOf(out);
  }

  private static List<String> lines(String resource) {
    InputStream in = Lexicon.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " is missing from the classpath");
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TermIndex index() {
    return index;
  }

  /**
   * True when the lower-case phrase is a job title of the lexicon (a term under {@value
   * #TITLES_HEADING}): "practice manager", "managing partner".
   */
  boolean isTitle(String phrase) {
    return titles.contains(phrase);
  }
}
