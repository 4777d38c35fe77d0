package io.cleanercontext.cleaner.engine;

import io.cleanercontext.contract.Speaker;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * One conversation's cleaning context: a sliding window of its latest cleaned turns and the
 * vocabulary learned from them. Mutable and not thread-safe: it belongs to the one shard that owns
 * the conversation. The engine caches the learned vocabulary here (per turn, and for the window as
 * a whole until the window changes), so keep one instance per conversation for its lifetime.
 */
public final class ConversationContext {

  /** Default number of turns kept. */
  public static final int DEFAULT_WINDOW = 10;

  private final Deque<Entry> turns = new ArrayDeque<>();
  private int windowSize;

  /** Bumped when an AI turn enters or leaves the window: only AI turns teach vocabulary. */
  private long version;

  private TermIndex vocabulary;

  /** Bumped on every change of the window or the keyterms: {@link #saidWords} is rebuilt then. */
  private long changes;

  private List<TurnWords> said;
  private long saidChanges = -1;
  private List<TurnPhrases> phrases;
  private long phrasesVersion = -1;
  private long vocabularyVersion = -1;
  private Lexicon vocabularyLexicon;

  /** The caller's keyterms, analysed once per {@link #setKeyterms} call. */
  private List<String> keyterms = List.of();

  private List<Term> keytermTerms = List.of();

  /** The keyterms' words ({@link TurnWords}), read on first use after each change. */
  private TurnWords keytermWords;

  /**
   * The keyterms' neighbouring words ({@link TurnPhrases}), read on first use after each change.
   */
  private TurnPhrases keytermPhrases;

  /** A context keeping the last {@code windowSize} cleaned turns (at least 1). */
  public ConversationContext(int windowSize) {
    setWindowSize(windowSize);
  }

  /** A context with the {@link #DEFAULT_WINDOW default} window. */
  public ConversationContext() {
    this(DEFAULT_WINDOW);
  }

  /**
   * Adds a cleaned turn, dropping the oldest beyond the window. Empty text (skipped turns) is
   * ignored.
   */
  public void add(Speaker speaker, String cleanedText) {
    if (speaker == null || cleanedText == null || cleanedText.isBlank()) {
      return;
    }
    for (Entry e : turns) {
      e.tokens = null; // a turn's reads share them; none outlives the next turn added
    }
    turns.addLast(new Entry(new ContextTurn(speaker, cleanedText.strip())));
    changes++;
    if (trim()) {
      version++;
    }
    if (speaker == Speaker.AI) {
      version++;
    }
  }

  public int windowSize() {
    return windowSize;
  }

  /** Changes the window size; shrinking drops the oldest turns at once. */
  public void setWindowSize(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("window size must be at least 1, was " + n);
    }
    windowSize = n;
    changes++;
    if (trim()) {
      version++;
    }
  }

  /**
   * Replaces the caller's keyterms: names, products and jargon the caller knows may occur in the
   * call, written as they should appear. The engine treats each like a term the AI said (with the
   * same precision guards), from the next cleaned turn on. Blank entries are ignored.
   */
  public void setKeyterms(Collection<String> terms) {
    List<String> kept = new ArrayList<>();
    List<Term> analysed = new ArrayList<>();
    for (String s : terms == null ? List.<String>of() : terms) {
      if (s != null && !s.isBlank()) {
        Term t = new Term(s, Term.Source.KEYTERM);
        if (!t.joinedKey.isEmpty()) {
          kept.add(t.surface);
          analysed.add(t);
        }
      }
    }
    if (!kept.equals(keyterms)) {
      keyterms = List.copyOf(kept);
      keytermTerms = List.copyOf(analysed);
      keytermWords = null;
      keytermPhrases = null;
      version++;
      changes++;
    }
  }

  /** The caller's keyterms as last set (empty when none). */
  public List<String> keyterms() {
    return keyterms;
  }

  /** The latest turn in the window, or null when it is empty. */
  public ContextTurn latest() {
    Entry last = turns.peekLast();
    return last == null ? null : last.turn;
  }

  /** How many turns the window holds. */
  public int size() {
    return turns.size();
  }

  /** The turns in the window, oldest first. */
  public List<ContextTurn> window() {
    List<ContextTurn> out = new ArrayList<>(turns.size());
    for (Entry e : turns) {
      out.add(e.turn);
    }
    return Collections.unmodifiableList(out);
  }

  /** The index of terms the AI used in the window; rebuilt only when the window changed. */
  TermIndex vocabulary(Lexicon lexicon) {
    if (vocabulary != null && vocabularyVersion == version && vocabularyLexicon == lexicon) {
      return vocabulary;
    }
    // keyterms first: a term both given and said keeps the caller's spelling and evidence
    List<Term> terms = new ArrayList<>(keytermTerms);
    for (Entry e : turns) {
      if (e.terms == null || e.lexicon != lexicon) {
        e.terms =
            e.turn.speaker() == Speaker.AI
                ? VocabularyExtractor.extract(e.tokens(), lexicon)
                : List.of();
        e.lexicon = lexicon;
        e.release();
      }
      terms.addAll(e.terms);
    }
    // a term said in several turns is indexed once, as first said (TermIndex keeps the first)
    vocabulary = terms.isEmpty() ? TermIndex.EMPTY : new TermIndex(terms);
    vocabularyVersion = version;
    vocabularyLexicon = lexicon;
    return vocabulary;
  }

  /**
   * The words of every keyterm and of every turn in the window, in that order ({@link CallWords}),
   * each text read once; the list is made again only when the window or the keyterms changed.
   */
  List<TurnWords> saidWords() {
    if (said == null || saidChanges != changes) {
      if (keytermWords == null) {
        keytermWords = TurnWords.of(keyterms);
      }
      List<TurnWords> texts = new ArrayList<>(1 + turns.size());
      texts.add(keytermWords);
      for (Entry e : turns) {
        if (e.words == null) {
          e.words = TurnWords.ofTokens(List.of(e.tokens()));
          e.release();
        }
        texts.add(e.words);
      }
      said = Collections.unmodifiableList(texts);
      saidChanges = changes;
    }
    return said;
  }

  /**
   * The neighbouring content words of the keyterms ("fine line", "flash sheet": a trade's phrases
   * the caller gave, echoed with one word misheard like a phrase the AI said) and of every AI turn
   * in the window ({@link TurnPhrases}), each read once; the list is made again only when the
   * keyterms changed or an AI turn entered or left the window.
   */
  List<TurnPhrases> saidPhrases() {
    if (phrases == null || phrasesVersion != version) {
      List<TurnPhrases> out = new ArrayList<>();
      if (keytermPhrases == null) {
        keytermPhrases = TurnPhrases.ofKeyterms(keyterms);
      }
      if (keytermPhrases != TurnPhrases.NONE) {
        out.add(keytermPhrases);
      }
      for (Entry e : turns) {
        if (e.turn.speaker() == Speaker.AI) {
          if (e.phrases == null) {
            e.phrases = TurnPhrases.of(e.tokens());
            e.release();
          }
          if (e.phrases != TurnPhrases.NONE) {
            out.add(e.phrases);
          }
        }
      }
      phrases = Collections.unmodifiableList(out);
      phrasesVersion = version;
    }
    return phrases;
  }

  /** Drops turns beyond the window; true when an AI turn (a vocabulary source) left it. */
  private boolean trim() {
    boolean dropped = false;
    while (turns.size() > windowSize) {
      dropped |= turns.removeFirst().turn.speaker() == Speaker.AI;
    }
    return dropped;
  }

  private static final class Entry {
    final ContextTurn turn;
    List<Term> terms;
    Lexicon lexicon;
    TurnWords words;
    TurnPhrases phrases;

    /**
     * The text's tokens, split once for the words, phrases and terms read from it, and let go once
     * all of them are read or the next turn is added (a turn stays in the window for a while).
     */
    private List<Tokens.Token> tokens;

    Entry(ContextTurn turn) {
      this.turn = turn;
    }

    List<Tokens.Token> tokens() {
      if (tokens == null) {
        tokens = Tokens.splitAside(turn.cleanedText()); // the turn being cleaned keeps its split
      }
      return tokens;
    }

    /** Lets the tokens go once nothing is left to read from them. */
    void release() {
      if (words != null && (turn.speaker() != Speaker.AI || terms != null && phrases != null)) {
        tokens = null;
      }
    }
  }
}
