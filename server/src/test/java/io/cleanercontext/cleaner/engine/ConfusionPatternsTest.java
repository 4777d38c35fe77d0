package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The confusion patterns as candidates with a cue: where a pattern calls for the other word of a
 * pair, and where it never does (the wrong word's everyday use). The evidence stage decides.
 */
class ConfusionPatternsTest {

  /** The text with every word a pattern calls for put in place (capital kept). */
  private static String called(String text) {
    List<Tokens.Token> tokens = new ArrayList<>(Tokens.split(text));
    for (int i = 0; i < tokens.size(); i++) {
      String right = ConfusionPatterns.replacement(tokens, i);
      if (right != null) {
        Tokens.Token t = tokens.get(i);
        tokens.set(
            i,
            t.withCore(
                Character.isUpperCase(t.core().charAt(0)) ? Tokens.capitalize(right) : right));
      }
    }
    return Tokens.join(tokens);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "the quote was to expensive for us|the quote was too expensive for us",
        "it's way to much hassle.|it's way too much hassle.",
        "the setup took way to long, like a week|the setup took way too long, like a week",
        "honestly it's way to expensive for two sites|honestly it's way too expensive for two"
            + " sites",
        "we take bookings by phone to.|we take bookings by phone too.",
        "we get enquiries by email to.|we get enquiries by email too.",
        "in peek season we double up|in peak season we double up",
        "I can never tell weather a lead is real|I can never tell whether a lead is real",
        "Weather or not they call back|Whether or not they call back",
        "yeah that's write, three sites|yeah that's right, three sites",
        "I'll do it write now|I'll do it right now",
        "can you right it down for me|can you write it down for me",
        "I wood like to see that|I would like to see that",
        "the hole team uses it|the whole team uses it",
        "a hole lot of missed calls|a whole lot of missed calls",
        "they all run there own diaries|they all run their own diaries",
        "we could of done more|we could have done more",
        "other then that it's fine|other than that it's fine",
        "we don't no yet|we don't know yet",
        "last weak we lost two jobs|last week we lost two jobs",
        "if it rains they loose the whole day|if it rains they lose the whole day",
        "we don't want to loose the booking|we don't want to lose the booking",
        "we'd loose our licence|we'd lose our licence",
        "you won't loose anything|you won't lose anything",
        "the balance is do on the first|the balance is due on the first",
        "the invoice is do in two weeks|the invoice is due in two weeks",
        "the deposit is do two weeks before|the deposit is due two weeks before",
        "it's do to the weather|it's due to the weather",
        "we're a lot busier then last year|we're a lot busier than last year",
        "it's better then nothing|it's better than nothing",
        "more then ever, honestly|more than ever, honestly",
        "it had a big affect on sales|it had a big effect on sales",
        "side affects are rare|side effects are rare",
        "it won't effect the price|it won't affect the price",
        "some patience don't turn up|some patients don't turn up",
        "our new patience love it|our new patients love it",
        "thanks for your patients|thanks for your patience",
        "we past the deadline on Friday|we passed the deadline on Friday",
        "the guests want a quite room|the guests want a quiet room",
        "mornings are usually quite.|mornings are usually quiet.",
        "it's quiet a big job|it's quite a big job",
        "we except cards and cash|we accept cards and cash",
        "There vans are always late.|Their vans are always late.",
        "there office is shut on Mondays|their office is shut on Mondays",
        "she hurt her heal running|she hurt her heel running",
        "it'll heel up in a week|it'll heal up in a week",
        "it's cheaper then the other one|it's cheaper than the other one",
        "it's more expensive then a new one|it's more expensive than a new one",
        "it's no more expensive then the last one|it's no more expensive than the last one",
        "it was less reliable then the old one|it was less reliable than the old one",
        "it's busier now then last year|it's busier now than last year",
        "it was quieter still then before|it was quieter still than before",
        "anything heavier then 3 tonnes|anything heavier than 3 tonnes",
        "customers ask about the weight list|customers ask about the wait list",
        "the van has a wait limit|the van has a weight limit",
        "the lads take a lunch brake at one|the lads take a lunch break at one",
        "we replace break pads|we replace brake pads",
        "the sail price ends Sunday|the sale price ends Sunday",
        "is the house still for sail?|is the house still for sale?",
        "it's all on our web sight|it's all on our web site",
        "out of site, out of mind|out of sight, out of mind",
        "I'll ring you tomorrow mourning|I'll ring you tomorrow morning",
        "we'll send you a sneak peak|we'll send you a sneak peek",
        "there's a whole in the fence|there's a hole in the fence",
        "can I have a peak at the quote?|can I have a peek at the quote?",
        "Than we send them a quote.|Then we send them a quote.",
        "I go out and measure, than do a drawing|I go out and measure, then do a drawing",
        "we check the roof, than we send a quote|we check the roof, then we send a quote",
        "an hour for the first visit, than thirty minutes|an hour for the first visit, then thirty"
            + " minutes",
        "We book it. Than we call them back.|We book it. Then we call them back.",
        "Than again, it's cheap.|Then again, it's cheap.",
        "Than book it for Monday.|Then book it for Monday.",
        "we'll know by than|we'll know by then",
        "until than it was fine|until then it was fine",
        "from than on we used paper|from then on we used paper",
        "the system runs on it's own|the system runs on its own",
        "they're own staff answer|their own staff answer",
        "thanks for you're time|thanks for your time",
        "we can look at you're account|we can look at your account",
        "They're is no one in.|There is no one in.",
        "Your welcome to call any time.|You're welcome to call any time.",
        "your right.|you're right.",
        "we'll right back to you|we'll write back to you",
        "we do breakfast or half bored|we do breakfast or half board",
        "we fit a new fuse bored|we fit a new fuse board",
        "the honeymoon sweet has a view|the honeymoon suite has a view",
        "the tickets go into a cue|the tickets go into a queue",
        "it's the route cause|it's the root cause",
        "we do the root planning|we do the route planning",
        "most calls are about a saw back|most calls are about a sore back",
        "they have to pay the access first|they have to pay the excess first",
        "Were based in Charlotte.|We're based in Charlotte.",
        "Were open Monday to Friday.|We're open Monday to Friday.",
        "Where based in Leeds.|We're based in Leeds.",
        "who's policy is it?|whose policy is it?",
        "We've got to engineers on call.|We've got two engineers on call.",
        "we hired to apprentices and three fitters|we hired two apprentices and three fitters",
        "one or to days|one or two days",
        "We have for vans on the road.|We have four vans on the road.",
        "we've got for vans|we've got four vans",
        "a small brokerage, for brokers and two admins|a small brokerage, four brokers and two"
            + " admins",
        "three or for more|three or four more",
        "there are for of us|there are four of us",
        "guests check in from for.|guests check in from four.",
        "Can I by it online?|Can I buy it online?",
        "Were are you based?|Where are you based?",
        "so were do you keep the keys|so where do you keep the keys",
        "if I we're you|if I were you",
        "they we're closed on Monday|they were closed on Monday",
        "she where in the office|she were in the office",
        "could we by two?|could we buy two?",
        "pay buy bank transfer|pay by bank transfer",
        "we charge buy the hour|we charge by the hour",
      })
  void callsForTheWordItsNeighboursWant(String raw, String expected) {
    assertThat(called(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "we send quotes to new customers",
        "I'd love to.",
        "we went from bad to worse",
        "take a peek at the dashboard",
        "the weather is awful in winter",
        "you can write a review on the site",
        "it's right down the road",
        "it's made of wood like oak",
        "there's a hole in the roof",
        "is there anything else",
        "more, then we stopped",
        "we could of course try it",
        "we no longer do leaflets",
        "I don't know yet",
        "the signal is weak",
        "I'll call you later then",
        "tell you where the office is",
        "the best way to long term growth",
        "that's the way to big savings",
        "is there a way to go faster",
        "the fault was due to loose wiring",
        "some of the tiles are loose",
        "they come loose in the wind",
        "it's not loose any more",
        "they let loose his dog",
        "what do you do on Mondays",
        "all you have to do is do it",
        "the best thing is do nothing",
        "they always do at the end",
        "I'll call you later then",
        "it got worse then we left",
        "it got more expensive then the old supplier went bust",
        "I'll call later now then last thing on Friday",
        "prices got higher now then before we switched",
        "we were busier then, last year was mad",
        "we'll do it later then I'll ring you",
        "it will affect the price",
        "the effect was immediate",
        "we want to effect change",
        "we see a lot of patients",
        "we lose patients to the practice down the road",
        "the number of patients is growing",
        "it's past midnight",
        "in the past we used paper",
        "not quite.",
        "it's quite a big job",
        "keep it quiet a bit longer",
        "everyone except Steve",
        "There are two vans.",
        "There is always someone in.",
        "There was a time we did that.",
        "There lies the problem.",
        "There always are a few.",
        "open every day except Sunday",
        "the dog won't come to heel",
        "it takes time to heal",
        "it got better then the manager left",
        "it got more expensive then the council changed it",
        "we lost weight on the wait list",
        "they set sail at dawn",
        "I lost sight of it",
        "the family is in mourning",
        "we reached our peak in May",
        "the whole in-house team came",
        "we had a brake failure",
        "take a break",
        "calls hit a peak at noon",
        "Than ever.",
        "We have for months.",
        "We have for years, honestly.",
        "what do you have for kids",
        "we've got to get customers first",
        "we've got to the customers first",
        "we have to go to schools",
        "we went from one to two sites",
        "what are you waiting for.",
        "Could I by any chance move it?",
        "Can you by the way send it?",
        "Can we by phone?",
        "we have to answer every call",
        "the closest things I have to grandparents",
        "the effect that they have to teenagers",
        "we used to buy them in bulk",
        "we'd pay to buy it outright",
        "it's time to go",
        "they're customers of ours",
        "if you're busy we can call back",
        "as you're aware",
        "your right arm",
        "your welcome pack",
        "it will right itself",
        "you'll be right",
        "thanks for your time",
        "the kids get bored on rainy days",
        "it's a sweet little cottage",
        "right on cue",
        "the access is via the side gate",
        "we saw a big drop",
        "the root of the problem",
        "a new bus route",
        "Were you open on Sunday?",
        "Were there any calls?",
        "Where based, if at all?",
        "Where are you based?",
        "who's calling, is that Bob?",
        "who's on call is it Tom?",
        "it's cheaper than the other one",
        "I'd rather walk, than drive there",
        "we'd prefer a call, than an email",
        "it costs more, if anything, than last year",
        "other than that it's fine",
        "it's different than the old system",
        "we may as well close than lose money",
        "it's three times as much than it was",
        "It's bigger now. Than last year, I mean.",
        "no sooner had we opened, than it rained",
        "Than last year.",
        "Than average, I'd say.",
        "Than what?",
        "it hurts more in the back than the front",
        "more right than wrong",
        "busier by far than last year",
        "I told you we're closed",
        "do it we're open till five",
        "if it were up to me",
        "Were it not for the vans",
        "they were done by noon",
        "Were they busy?",
      })
  void callsForNothingWhereTheWordIsUsedInItsOwnSense(String raw) {
    assertThat(called(raw)).isEqualTo(raw);
  }

  @Test
  void everyRuleInTheDataFileParses() {
    assertThat(ConfusionPatterns.load(ConfusionPatterns.RESOURCE))
        .isNotEmpty()
        .containsKeys("to", "peek", "weather", "hole");
    assertThatThrownBy(() -> ConfusionPatterns.parse("to too _", "x:1"))
        .hasMessageContaining("x:1");
    assertThatThrownBy(() -> ConfusionPatterns.parse("to -> too : a b", "x:2"))
        .hasMessageContaining("no '_'");
    assertThatThrownBy(() -> ConfusionPatterns.parse("to -> too : _ @WHATEVER", "x:3"))
        .hasMessageContaining("@WHATEVER");
    assertThatThrownBy(() -> ConfusionPatterns.parse("do -> due : is _ on|@NUMBER", "x:4"))
        .hasMessageContaining("word list");
  }
}
