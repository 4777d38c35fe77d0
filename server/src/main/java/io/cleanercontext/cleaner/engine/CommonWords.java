package io.cleanercontext.cleaner.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Frequent English words. Used as a guard: the engine never swaps one of these for another word on
 * sound alone (a real word the user said is kept unless a multi-word phrase anchors the change),
 * and never learns one as a named entity just because it starts a sentence.
 */
final class CommonWords {

  /** Function words: they never anchor a phrase match on their own. */
  static final Set<String> STOPWORDS =
      Set.of(
          "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "for", "by", "with", "from",
          "as", "is", "are", "was", "be", "it", "we", "i", "you", "our", "my", "your", "that",
          "this", "do", "per", "into", "onto", "its", "their", "his", "her", "us", "me", "so",
          "but", "if", "not", "no", "yes", "de", "la", "&");

  private static final Set<String> WORDS =
      Set.copyOf(
          Arrays.asList(
              (""
                      + "a about above across act actually add added after again against age ago agree ahead all "
                      + "allow almost alone along already alright also although always am among amount an and "
                      + "another answer any anybody anyone anything anyway anywhere apart appear apply approach "
                      + "are area around as ask asked at available avoid away back bad bag base based basically "
                      + "be bear beat became because become becoming bed been before began begin behind being "
                      + "believe below best better between big bit black blue board body book books both bottom "
                      + "box boy break bring brought build building built business busy but buy by call called "
                      + "calls came can cannot car care carry case cases catch caught cause certain certainly "
                      + "chance change changed check child children choose city claim class clear clearly close "
                      + "closer cold come comes coming common company complete completely consider contact "
                      + "continue control cool cost could couldn't count couple course cover create current cut "
                      + "data day days deal decide decided deep did didn't die difference different difficult "
                      + "direct do does doesn't doing don't done door down draw drive driver drop during each "
                      + "early easy eat effect eight either else end enough even evening ever every everybody "
                      + "everyone everything exactly example expect experience eye face fact fair fall family far "
                      + "fast feel feels felt few field fight figure figured fill final finally find fine finish "
                      + "fire first fit five fix fixed floor fly follow food for form forms forty forward found "
                      + "four free friend from front full fun further future game gave general get gets getting "
                      + "girl give given gives giving glad go goes going gone good got great green ground group "
                      + "grow grown guess guy guys had half hand happen happened happy hard has hasn't have "
                      + "haven't having he head hear heard help her here herself hey hi high him himself his hit "
                      + "hold home honest honestly hope hour hours house how however huge hundred i i'd i'll i'm "
                      + "i've idea if important in include including increase indeed inside instead interest "
                      + "interested into is isn't issue it it's its itself job jobs just keep kept kind knew know "
                      + "known land large last late later lead leads learn least leave left less let let's level "
                      + "life light like likely line list listen little live long look looked looking lose lost "
                      + "lot lots love low made main make makes making man many mark matter may maybe me mean "
                      + "means meet member might mind mine minute minutes miss missed missing moment money month "
                      + "months more morning most mostly mother move much must my myself name near need needed "
                      + "needs never new next nice night nine no nobody none nope nor not note nothing now number "
                      + "of off offer office often oh ok okay old on once one ones only open or order other "
                      + "others otherwise our ours out outside over own page paid part pass past pay people "
                      + "perfect perhaps person pick picture piece place plan play please plus point possible "
                      + "power pretty price probably problem problems process product properly pull put quick "
                      + "quickly quite rather reach read ready real really reason recent recently red remember "
                      + "rest result right room round run said same saw say saying says school second see seem "
                      + "seems seen sell send sense sent service set seven several shall she short should show "
                      + "side simple simply since sir sit six size small so some somebody someone something "
                      + "sometimes somewhere soon sorry sort sound sounds speak special spend stand start started "
                      + "state stay still stop story stuff such sure system take taken talk tell ten than thank "
                      + "thanks that that's the their them themselves then there there's these they they're "
                      + "thing things think third this those though thought thousand three through time times to "
                      + "today together told too took top total toward track tried true try trying turn twenty "
                      + "two type under understand until up upon us use used useful using usually very view wait "
                      + "walk want wanted wants was wasn't watch water way ways we we'd we'll we're we've week "
                      + "weeks well went were weren't what what's whatever when where whether which while white "
                      + "who whole why wide will win window windows with within without woman won't wonder word "
                      + "words work worked working works world worry would wouldn't write wrong yeah year years "
                      + "yes yet you you'd you'll you're you've young your yours yourself zero "
                      + "ad ads adds age aid aim air allow answer apps art bank bar bed bill bit block blog board "
                      + "boat bone boss bring budget bulk cap card cart cat chat cheap clip close cloud code coin "
                      + "deck desk dial diet disk dog doll dot draft drag dream dress fan farm fax fee file film "
                      + "flag flat flow fold font fork fund gap gas gift goal gold grade grid hall hat heat hold "
                      + "hook host hub ice ink item key kid kit lab lane law lawn leg lens lift link lock log "
                      + "loop mail map mass meal mess mix mode net news note pack pad pan pen pet pin pipe plug "
                      + "pool pop port post pot pride pro pub push race rank rate ray rent ring risk road rock "
                      + "role roof rule sale sales scale seal search seat sector shop sign site skill slot spot "
                      + "staff step store street style suit tag tank task team tech term test text ticket tip "
                      + "tool tour town trade train tree trip unit van vector vote wall web wheel wire yard "
                      + "director manager marketing head chief officer president leader owner founder partner "
                      + "advertising email phone calls website online traffic organic paid social media search "
                      + "engine lead generation customer customers client clients patient patients practice "
                      + "practise software hardware platform widget demo voice thing weird usually then until "
                      + "channel channels driving drive repair repairs maintenance contract contracts emergency "
                      + "residential commercial employees visitors submissions analytics random places everything "
                      + "promoted switched ahead clearly minutes grown track trickle figured missing guess sale "
                      + "speech action sick just send over take look find mostly right recently closer while "
                      + "office small large middle high low little bigger smaller")
                  .split(" ")));

  private CommonWords() {}

  /** True for a frequent English word (lower-cased comparison). */
  static boolean isCommon(String word) {
    return WORDS.contains(word.toLowerCase(Locale.ROOT));
  }

  /** True for a function word that cannot anchor a match. */
  static boolean isStopword(String lowerWord) {
    return STOPWORDS.contains(lowerWord);
  }
}
