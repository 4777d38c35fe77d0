package io.cleanercontext.cleaner.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * How English words sound: the CMU Pronouncing Dictionary's ARPAbet phonemes (stress dropped) for
 * the words the language model knows ({@code cleaning/pronunciations.txt.gz}, from
 * scripts/update-language-model), and the words that sound the same or one phoneme apart.
 * Neighbours are found by single-deletion keys (each word is indexed under its phonemes and under
 * every sequence with one phoneme left out), so "weight" finds "wait", "lose" finds "loose" and
 * "fee" finds "free" without comparing against every word.
 */
final class Pronunciations {

  private static final String RESOURCE = "/cleaning/pronunciations.txt.gz";

  /** A neighbour must be at least this common (log10 unigram) to be offered as a candidate. */
  private static final double MIN_NEIGHBOUR_LOGPROB = -6.5;

  private static final class Holder {
    static final Pronunciations INSTANCE = new Pronunciations(LanguageModel.get());
  }

  private final Map<String, List<byte[]>> byWord = new HashMap<>(100_000);

  /**
   * The same pronunciations by the word's id in the language model ({@link LanguageModel#id}), null
   * for a word the dictionary lacks: a turn's words have their ids already, and an array read costs
   * no probe of a map of 100,000 words.
   */
  private final List<byte[]>[] byId;

  private final Map<String, List<String>> byKey = new HashMap<>(400_000);

  @SuppressWarnings("unchecked")
  private Pronunciations(LanguageModel lm) {
    byId = new List[lm.words()];
    try (InputStream raw = Pronunciations.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException(RESOURCE + " missing (scripts/update-language-model)");
      }
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] parts = line.split(" ");
        byte[] phones = new byte[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
          phones[i - 1] = Phones.id(parts[i]);
        }
        String word = parts[0];
        List<byte[]> known = byWord.computeIfAbsent(word, k -> new ArrayList<>(1));
        known.add(phones);
        int id = lm.id(word);
        if (id >= 0) {
          byId[id] = known;
        }
        if (lm.unigram(lm.id(word)) >= MIN_NEIGHBOUR_LOGPROB) {
          index(word, phones);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Pronunciations get() {
    return Holder.INSTANCE;
  }

  /** The word's pronunciations (lower case), empty when the dictionary lacks it. */
  List<byte[]> of(String lowerWord) {
    return byWord.getOrDefault(lowerWord, List.of());
  }

  /**
   * {@link #of(String)} of a word whose id in the language model is {@code id} (-1 when it has
   * none, or it is not known: the word is looked up by its spelling then).
   */
  List<byte[]> of(int id, String lowerWord) {
    if (id < 0 || id >= byId.length) {
      return of(lowerWord);
    }
    List<byte[]> known = byId[id];
    return known == null ? List.of() : known;
  }

  /** How many words the language model knows: the ids {@link #of(int, String)} reads by. */
  int ids() {
    return byId.length;
  }

  /**
   * Common words that sound like {@code lowerWord} or one phoneme from it (not the word itself).
   */
  List<String> neighbours(String lowerWord) {
    List<String> out = new ArrayList<>();
    for (byte[] p : of(lowerWord)) {
      collect(p, lowerWord, out);
    }
    return out;
  }

  /**
   * Common words pronounced {@code phones} or one phoneme from them (for a word the dictionary
   * lacks, pronounced by {@link LetterToSound}).
   */
  List<String> neighbours(byte[] phones) {
    List<String> out = new ArrayList<>();
    collect(phones, null, out);
    return out;
  }

  private void collect(byte[] p, String self, List<String> out) {
    collect(key(p, -1), self, out);
    for (int i = 0; i < p.length && p.length > 2; i++) {
      collect(key(p, i), self, out);
    }
  }

  /**
   * The smallest alignment cost between any pronunciations of the two words; -1 if one lacks any.
   */
  double distance(String a, String b) {
    double best = -1;
    for (byte[] x : of(a)) {
      for (byte[] y : of(b)) {
        double d = Phones.alignment(x, y);
        best = best < 0 ? d : Math.min(best, d);
      }
    }
    return best;
  }

  private void collect(String key, String self, List<String> out) {
    for (String w : byKey.getOrDefault(key, List.of())) {
      if (!w.equals(self) && !out.contains(w)) {
        out.add(w);
      }
    }
  }

  private void index(String word, byte[] phones) {
    add(key(phones, -1), word);
    for (int i = 0; i < phones.length && phones.length > 2; i++) {
      add(key(phones, i), word);
    }
  }

  private void add(String key, String word) {
    List<String> words = byKey.computeIfAbsent(key, k -> new ArrayList<>(2));
    if (!words.contains(word)) {
      words.add(word);
    }
  }

  /** The phonemes as a string key, leaving out the one at {@code skip} (-1: none). */
  private static String key(byte[] phones, int skip) {
    char[] c = new char[phones.length - (skip >= 0 ? 1 : 0) + 1];
    int j = 0;
    c[j++] = skip >= 0 ? '-' : '=';
    for (int i = 0; i < phones.length; i++) {
      if (i != skip) {
        c[j++] = (char) ('0' + phones[i]);
      }
    }
    return new String(c);
  }
}
