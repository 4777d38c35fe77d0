package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which runs of heard words are looked up as names nobody said, before any evidence is weighed. */
class ListedNameRunsTest {

  private final TermSounds sounds = new TermSounds(Pronunciations.get());
  private final ListedNameRuns runs =
      new ListedNameRuns(NameSounds.get(), sounds, LanguageModel.get());

  /** Every "heard -> name" candidate of the text. */
  private List<String> candidates(String text) {
    List<Tokens.Token> tokens = Tokens.split(text);
    HeardWords heard = sounds.heard(tokens);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      for (ListedNameRuns.Candidate c : runs.at(heard, i, tokens.size() - 1)) {
        out.add(EvidenceStage.heard(tokens, i, c.length()) + " -> " + c.name().spelling());
      }
    }
    return out;
  }

  @Test
  void aRunBesideANameCueIsLookedUp() {
    assertThat(candidates("we go up to barns lee a lot")).contains("barns lee -> Barnsley");
    assertThat(candidates("most of our work is out in bur can head"))
        .contains("bur can head -> Birkenhead");
  }

  @Test
  void noCueNoFunctionWordNoSingleWordNoVerbWhereAVerbIsDue() {
    // no cue beside the run
    assertThat(candidates("barns lee is lovely")).isEmpty();
    // a function word inside: a name is heard as content words
    assertThat(candidates("in town a noun might wear a gown")).isEmpty();
    // one word is never a name that sounds like it ("a temp", "zero", "carbon")
    assertThat(candidates("we moved everything to carbon last year")).isEmpty();
    assertThat(candidates("they offered zero interest on the loan")).isEmpty();
    // after "to" a verb is due: "to make there own way" is a verb phrase
    assertThat(candidates("they have to make there own way")).isEmpty();
    // everyday words only: the prior is against a name ("last week" is no Astwick)
    assertThat(candidates("we sent that in last week")).isEmpty();
    // a noun follows: the run would be its modifier, not a name
    assertThat(candidates("we get a lot from red wood city")).isEmpty();
    // a determiner's everyday noun phrase, a verb and its particle
    assertThat(candidates("we're on the bright side of town")).isEmpty();
    assertThat(candidates("we check in online the night before")).isEmpty();
  }
}
