package io.cleanercontext.cleaner.engine;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A known phrase (domain term or entity the AI named), pre-analysed once: its words, their lower
 * case and Double Metaphone codes, and the letters-only key under which "call back" meets
 * "Callback".
 */
final class Term {

  /** Where a term comes from, weakest evidence first. */
  enum Source {
    /**
     * A general lexicon (domain terms, dictionaries): known to exist, not known to be in this call.
     */
    LEXICON,
    /** Said by the AI in this conversation's context window. */
    CONTEXT,
    /** Given by the caller for this conversation. */
    KEYTERM
  }

  private static final AtomicInteger SERIAL = new AtomicInteger();

  /**
   * Names the AI said, analysed once per process (bounded): a name comes back in turn after turn of
   * a call, and across the calls of one business. Terms are immutable but for benign caches.
   */
  private static final BoundedMemo<Term> SAID = new BoundedMemo<>(4096);

  private static final Pattern SPACES =
      Pattern.compile("\\s+"); // compiled once, not per String.split

  final int serial = SERIAL.incrementAndGet();
  final String surface;
  final String[] words;
  final String[] lower;

  /** Per word: a function word ({@link CommonWords#isStopword}), never indexed. */
  final boolean[] stopword;

  final String[] primary;
  final String[] alternate;
  final String joinedKey;

  /** The lower-case words joined by single spaces: the key under which terms are deduplicated. */
  final String phrase;

  /** The phrase's first 1, 2, ... words (the last is the phrase itself), for prefix lookups. */
  final String[] phrasePrefixes;

  /** Written with a capital somewhere: a name, product, title or acronym. */
  final boolean proper;

  /** Spelled in a way no common word is: inner capital (HubSpot, iQ), all caps (PPC) or digits. */
  final boolean brandLike;

  /**
   * Said by the AI in this conversation or given by the caller (stronger evidence than a lexicon).
   */
  final boolean contextual;

  /** Where the term comes from. */
  final Source source;

  /**
   * The term with its phonemes ({@link TermSounds#said}), made on first use: the window's index is
   * built again whenever its AI turns change, and its terms are mostly the same. A benign race: the
   * record's final fields publish the phonemes safely to other threads.
   */
  TermSounds.Said sounds;

  /** This term marked contextual, made once: every AI turn that says a lexicon term reuses it. */
  private Term contextualTwin;

  Term(String surface, Source source) {
    this.surface = surface.strip();
    this.words = SPACES.split(this.surface);
    this.lower = new String[words.length];
    this.stopword = new boolean[words.length];
    this.primary = new String[words.length];
    this.alternate = new String[words.length];
    boolean anyUpper = false;
    boolean brand = false;
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      lower[i] = w.toLowerCase(Locale.ROOT);
      stopword[i] = CommonWords.isStopword(lower[i]);
      String letters = Tokens.joinedKey(w);
      primary[i] = letters.isEmpty() ? "" : Phonetics.primary(letters);
      alternate[i] = letters.isEmpty() ? "" : Phonetics.alternate(letters);
      int uppers = 0;
      for (int c = 0; c < w.length(); c++) {
        char ch = w.charAt(c);
        if (Character.isUpperCase(ch)) {
          anyUpper = true;
          uppers++;
          if (c > 0 && Character.isLetter(w.charAt(c - 1))) {
            brand = true;
          }
        } else if (Character.isDigit(ch)) {
          brand = true;
        }
      }
      if (uppers >= 2 && uppers == letters.length()) {
        brand = true;
      }
    }
    this.joinedKey = Tokens.joinedKey(this.surface);
    this.phrasePrefixes = new String[words.length];
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < words.length; i++) {
      prefix.append(i == 0 ? "" : " ").append(lower[i]);
      phrasePrefixes[i] = prefix.toString();
    }
    this.phrase = phrasePrefixes[words.length - 1];
    this.proper = anyUpper;
    this.brandLike = brand;
    this.source = source;
    this.contextual = source != Source.LEXICON;
  }

  /** The term of this surface said in a conversation ({@link Source#CONTEXT}), made once. */
  static Term said(String surface) {
    return SAID.get(surface, s -> new Term(s, Source.CONTEXT));
  }

  int size() {
    return words.length;
  }

  /** The same phrase, marked as heard from the AI in this conversation. */
  Term asContextual() {
    if (contextual) {
      return this;
    }
    // a benign race: threads may each make a twin, and any of them will do (all fields are final)
    Term twin = contextualTwin;
    if (twin == null) {
      twin = new Term(surface, Source.CONTEXT);
      contextualTwin = twin;
    }
    return twin;
  }

  @Override
  public String toString() {
    return surface + " (" + source.name().toLowerCase(Locale.ROOT) + ")";
  }
}
