package io.cleanercontext.cleaner.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import morfologik.fsa.FSA;
import morfologik.fsa.FSATraversal;
import morfologik.fsa.MatchResult;
import morfologik.stemming.Dictionary;
import morfologik.stemming.DictionaryLookup;
import morfologik.stemming.WordData;

/**
 * A real English dictionary: LanguageTool's {@code english-pos-dict} (Maven Central, LGPL 2.1),
 * read with morfologik's finite-state automata. Two resources of it are used:
 *
 * <ul>
 *   <li>the spelling dictionaries for US and British English ({@code hunspell/en_US.dict}, {@code
 *       en_GB.dict}, about 210,000 forms each), which carry a word-frequency class per form
 *       (LanguageTool's A..W, a log scale from rare to "the"): how common a word is decides how
 *       much evidence a change to it needs;
 *   <li>the part-of-speech dictionary ({@code english.dict}, 259,000 forms, Penn tags with lemmas):
 *       whether a word can be a verb, noun, adjective... decides confusable words by their
 *       neighbours.
 * </ul>
 *
 * Loaded once per process ({@link #get()}), 3 MB of automata; immutable, thread-safe, cached.
 */
final class EnglishDictionary {

  /** Coarse word classes from the Penn tags; a word has every class any of its readings has. */
  static final int NOUN = 1;

  static final int VERB = 1 << 1;
  static final int ADJECTIVE = 1 << 2;
  static final int ADVERB = 1 << 3;
  static final int PREPOSITION = 1 << 4;
  static final int DETERMINER = 1 << 5;
  static final int PRONOUN = 1 << 6;
  static final int MODAL = 1 << 7;
  static final int PARTICLE = 1 << 8;
  static final int PROPER = 1 << 9;
  static final int CONJUNCTION = 1 << 10;
  static final int VERB_BASE = 1 << 11;
  static final int VERB_ING = 1 << 12;
  static final int VERB_PAST = 1 << 13;
  static final int COMPARATIVE = 1 << 14;
  static final int NUMBER = 1 << 15;
  static final int PLURAL = 1 << 16; // a plural noun (NNS): "vans", "kids"

  /** Frequency class of "the" and other top words; 0 means not in the dictionary. */
  static final int MAX_FREQUENCY = 23;

  private static final String BASE = "/org/languagetool/resource/en/";
  private static final int MAX_CACHED = 100_000;

  private static final class Holder {
    static final EnglishDictionary INSTANCE = new EnglishDictionary();
  }

  private final Speller us;
  private final Speller gb;
  private final Dictionary tagger;
  private final ThreadLocal<DictionaryLookup> lookups;
  private final BoundedMemo<Integer> frequencies = new BoundedMemo<>(MAX_CACHED);
  private final BoundedMemo<Integer> wordClasses = new BoundedMemo<>(MAX_CACHED);
  private final BoundedMemo<Boolean> lowerCaseWords = new BoundedMemo<>(MAX_CACHED);
  private final BoundedMemo<Set<String>> lemmaSets = new BoundedMemo<>(MAX_CACHED);

  private EnglishDictionary() {
    us = new Speller(read("hunspell/en_US.dict"));
    gb = new Speller(read("hunspell/en_GB.dict"));
    tagger = read("english.dict");
    lookups = ThreadLocal.withInitial(() -> new DictionaryLookup(tagger));
  }

  /** The process's one dictionary, loaded on first use. */
  static EnglishDictionary get() {
    return Holder.INSTANCE;
  }

  private static Dictionary read(String name) {
    URL url = EnglishDictionary.class.getResource(BASE + name);
    if (url == null) {
      throw new IllegalStateException(
          "english-pos-dict resource " + name + " is not on the class path");
    }
    try {
      return Dictionary.read(url);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read english-pos-dict resource " + name, e);
    }
  }

  /**
   * How common the word is: 0 when neither spelling dictionary knows it (in the case given or in
   * lower case), else 1 (rare) to {@value #MAX_FREQUENCY} ("the").
   */
  int frequency(String word) {
    return word.isEmpty() ? 0 : frequencies.get(word, this::readFrequency);
  }

  private int readFrequency(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    int f =
        Math.max(
            Math.max(us.frequency(word), gb.frequency(word)),
            lower.equals(word) ? 0 : Math.max(us.frequency(lower), gb.frequency(lower)));
    if (f == 0 && Contractions.CLASSES.containsKey(lower.replace('\u2019', '\''))) {
      f = MAX_FREQUENCY - 3;
    }
    return f;
  }

  /** True when the word is spelled as some English word (any case). */
  boolean isWord(String word) {
    return frequency(word) > 0;
  }

  /** True when a spelling dictionary has the form in exactly this case ("MOT", "NHS", "Bill"). */
  boolean spellsExactly(String form) {
    return !form.isEmpty() && (us.frequency(form) > 0 || gb.frequency(form) > 0);
  }

  /** True when the word is in the dictionary in lower case (cached): an everyday word. */
  boolean isLowerCaseWord(String lower) {
    return lowerCaseWords.get(lower, this::spelledInLowerCase);
  }

  /** {@link #isLowerCaseWord} without the cache, for reading a word list once. */
  boolean spelledInLowerCase(String lower) {
    return spellsExactly(lower) || Contractions.CLASSES.containsKey(lower);
  }

  /** The word classes (bit set of this class's constants) of every reading; 0 if unknown. */
  int classes(String word) {
    return wordClasses.get(word, this::readClasses);
  }

  private int readClasses(String word) {
    String lower = word.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    int c = Contractions.CLASSES.getOrDefault(lower, 0);
    if (c == 0) {
      for (WordData d : lookups.get().lookup(word)) {
        c |= classOf(d.getTag());
      }
      if (!lower.equals(word)) {
        for (WordData d : lookups.get().lookup(lower)) {
          c |= classOf(d.getTag());
        }
      }
    }
    return c;
  }

  /** True when some reading of the word is in {@code classMask}. */
  boolean can(String word, int classMask) {
    return (classes(word) & classMask) != 0;
  }

  /** True when every reading of a known word is in {@code classMask}. */
  boolean only(String word, int classMask) {
    int c = classes(word) & ~(PROPER | COMPARATIVE | VERB_BASE | VERB_ING | VERB_PAST | PLURAL);
    return c != 0 && (c & ~classMask) == 0;
  }

  /** Every form of the US then the British spelling dictionary, in the dictionary's case. */
  void forEachSpellingForm(Consumer<String> action) {
    us.forEachForm(action);
    gb.forEachForm(action);
  }

  /** The spelling dictionaries that have the form: 1 the US one, 2 the British one, 3 both. */
  int varieties(String form) {
    return (us.frequency(form) > 0 ? 1 : 0) | (gb.frequency(form) > 0 ? 2 : 0);
  }

  /** The lemmas of the word's readings ("kings" gives "king"), lower case; cached, immutable. */
  Set<String> lemmas(String word) {
    return lemmaSets.get(word, this::readLemmas);
  }

  private Set<String> readLemmas(String word) {
    List<WordData> data = lookups.get().lookup(word.toLowerCase(Locale.ROOT));
    Set<String> out = new HashSet<>();
    for (WordData d : data) {
      out.add(d.getStem().toString().toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(out);
  }

  private static int classOf(CharSequence tagSeq) {
    if (tagSeq == null) {
      return 0;
    }
    String tag = tagSeq.toString();
    if (tag.startsWith("NNP")) {
      return PROPER | NOUN;
    }
    if (tag.startsWith("NN")) {
      return tag.startsWith("NNS") ? NOUN | PLURAL : NOUN;
    }
    if (tag.equals("VB") || tag.equals("VBP")) {
      return VERB | VERB_BASE;
    }
    if (tag.equals("VBG")) {
      return VERB | VERB_ING;
    }
    if (tag.equals("VBD") || tag.equals("VBN")) {
      return VERB | VERB_PAST;
    }
    if (tag.startsWith("VB")) {
      return VERB;
    }
    if (tag.equals("JJR") || tag.equals("RBR")) {
      return (tag.startsWith("J") ? ADJECTIVE : ADVERB) | COMPARATIVE;
    }
    if (tag.startsWith("JJ")) {
      return ADJECTIVE;
    }
    if (tag.startsWith("RB") || tag.equals("WRB")) {
      return ADVERB;
    }
    if (tag.equals("RP")) {
      return PARTICLE;
    }
    if (tag.equals("IN") || tag.equals("TO")) {
      return PREPOSITION;
    }
    if (tag.equals("DT") || tag.equals("PDT") || tag.equals("WDT") || tag.startsWith("PRP$")) {
      return DETERMINER;
    }
    if (tag.startsWith("PRP") || tag.startsWith("WP")) {
      return PRONOUN;
    }
    if (tag.equals("MD")) {
      return MODAL;
    }
    if (tag.equals("CC")) {
      return CONJUNCTION;
    }
    if (tag.equals("CD")) {
      return NUMBER;
    }
    return 0;
  }

  /** One spelling automaton: entries are {@code word + separator + frequency letter}. */
  private static final class Speller {
    private final FSA fsa;
    private final FSATraversal traversal;
    private final byte separator;

    Speller(Dictionary dictionary) {
      this.fsa = dictionary.fsa;
      this.traversal = new FSATraversal(fsa);
      this.separator = (byte) dictionary.metadata.getSeparator();
    }

    void forEachForm(Consumer<String> action) {
      for (ByteBuffer entry : fsa) {
        int end = entry.position();
        while (end < entry.limit() && entry.get(end) != separator) {
          end++;
        }
        byte[] form = new byte[end - entry.position()];
        entry.get(form);
        action.accept(new String(form, StandardCharsets.UTF_8));
      }
    }

    int frequency(String word) {
      byte[] utf8 = word.getBytes(StandardCharsets.UTF_8);
      byte[] key = new byte[utf8.length + 1];
      System.arraycopy(utf8, 0, key, 0, utf8.length);
      key[utf8.length] = separator;
      MatchResult m = traversal.match(key);
      if (m.kind != MatchResult.SEQUENCE_IS_A_PREFIX) {
        return 0;
      }
      int best = 0;
      for (int arc = fsa.getFirstArc(m.node); arc != 0; arc = fsa.getNextArc(arc)) {
        int label = fsa.getArcLabel(arc) & 0xff;
        if (label >= 'A' && label <= 'Z') {
          best = Math.max(best, label - 'A' + 1);
        }
      }
      return best == 0 ? 1 : best;
    }
  }
}
