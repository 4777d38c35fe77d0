package io.cleanercontext;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.cleanercontext.contract.Submission;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.store.CoalescedTurnStore;
import io.cleanercontext.store.PendingTurns;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The package rule of docs/ARCHITECTURE.md: a verticle's package depends only on its own classes,
 * {@code contract}, {@code store}, {@code config} and the library packages, never on another
 * verticle's package; libraries depend on no verticle; {@code contract} depends on nothing of ours;
 * no cycles between packages; and no static registry keyed by Vert.x instance (the process's shared
 * objects are built once by {@link MainVerticle} and handed over).
 */
class ArchitectureTest {
  private static final String ROOT = "io.cleanercontext";

  /** Verticle packages by name; {@code queue} is the package itself, not its {@code client}. */
  private static final Map<String, List<String>> VERTICLES =
      Map.ofEntries(
          Map.entry("api", List.of(ROOT + ".api..")),
          Map.entry("queue", List.of(ROOT + ".queue")),
          Map.entry("realtime", List.of(ROOT + ".realtime..")),
          Map.entry("cleaner", List.of(ROOT + ".cleaner", ROOT + ".cleaner.llm..")),
          Map.entry("metrics", List.of(ROOT + ".metrics..")),
          Map.entry("diagnostics", List.of(ROOT + ".diagnostics..")),
          Map.entry("cluster", List.of(ROOT + ".cluster..")),
          Map.entry("lifecycle", List.of(ROOT + ".lifecycle..")),
          Map.entry("webhook", List.of(ROOT + ".webhook..")),
          Map.entry("retention", List.of(ROOT + ".retention..")));

  /** What any verticle may use: the contract, the store, the config and the libraries. */
  private static final String[] SHARED = {
    ROOT + ".contract..",
    ROOT + ".store..",
    ROOT + ".config..",
    ROOT + ".security..",
    ROOT + ".logging..",
    ROOT + ".batch..",
    ROOT + ".transcript..",
    ROOT + ".cleaner.engine..",
    ROOT + ".telemetry..",
    ROOT + ".queue.client..",
    ROOT + ".http..",
    ROOT + ".intake..",
    ROOT + ".ingest..",
    ROOT + ".privacy..",
    ROOT + ".integrations.."
  };

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void verticlePackagesDependOnlyOnTheirOwnTheContractTheStoreTheConfigAndLibraries() {
    List<Executable> rules = new ArrayList<>();
    VERTICLES.forEach(
        (name, own) -> {
          String[] allowed = Stream.concat(own.stream(), Stream.of(SHARED)).toArray(String[]::new);
          ArchRule rule =
              classes()
                  .that()
                  .resideInAnyPackage(own.toArray(String[]::new))
                  .should()
                  .onlyDependOnClassesThat(
                      resideOutsideOfPackage(ROOT + "..").or(resideInAnyPackage(allowed)))
                  .as("the " + name + " verticle's package uses only itself and shared packages");
          rules.add(() -> rule.check(main));
        });
    assertAll(rules);
  }

  @Test
  void librariesDependOnNoVerticleNorOnTheMainClasses() {
    List<String> verticles = new ArrayList<>();
    VERTICLES.values().forEach(verticles::addAll);
    noClasses()
        .that()
        .resideInAnyPackage(SHARED)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(verticles.toArray(String[]::new))
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage(ROOT)
        .check(main);
  }

  @Test
  void theContractDependsOnNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".contract..")
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(ROOT + "..").and(resideOutsideOfPackage(ROOT + ".contract..")))
        .check(main);
  }

  @Test
  void noCyclesBetweenPackages() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(main);
  }

  /**
   * One intake: a turn submission (what ingest stores and enqueues) is made only by the intake's
   * steps, so every entry point (REST, synchronous, transcript, both bridges, adapters) goes
   * through authorise, validate, transform, idempotency, rate limit and submit. The record's own
   * copy with redacted text (ingest's redaction step) is not an entry point.
   */
  @Test
  void turnsEnterOnlyThroughTheIntake() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".intake..")
        .and()
        .doNotBelongToAnyOf(TurnSubmission.class) // its own copy with redacted text
        .should()
        .callConstructorWhere(
            JavaCall.Predicates.target(
                HasOwner.Predicates.With.owner(
                    JavaClass.Predicates.belongToAnyOf(TurnSubmission.class, Submission.class))))
        .as("only the intake makes turn submissions")
        .check(main);
  }

  /**
   * One owner per conversation: only the cleaner shard that owns a conversation reads its pending
   * turns to clean them, counts their failed attempts and stores their results. The queue worker
   * delivers jobs and acts on the shard's typed answer; no other verticle writes a turn's verdict.
   */
  @Test
  void onlyTheConversationsShardCleansAndStoresItsTurns() {
    Set<String> ownerOnly = Set.of("pendingUpTo", "complete", "recordAttempt");
    noClasses()
        .that()
        .resideOutsideOfPackages(ROOT + ".cleaner", ROOT + ".store..")
        .should()
        .callMethodWhere(
            JavaCall.Predicates.target(
                    HasOwner.Predicates.With.owner(
                        JavaClass.Predicates.belongToAnyOf(
                            CoalescedTurnStore.class, PendingTurns.class)))
                .and(
                    DescribedPredicate.<JavaCall<?>>describe(
                        "is pendingUpTo, complete or recordAttempt",
                        call -> ownerOnly.contains(call.getName()))))
        .as("only the conversation's cleaner shard reads, cleans and stores its turns")
        .check(main);
  }

  /**
   * One turn model: a turn's status and role are named only by {@code TurnStatus} and {@code
   * Speaker} (JSON, SQL parameters and metric tags use their wire names), never by a string literal
   * that a typo or a new status would silently miss. SQL text keeps its literals where a partial
   * index's predicate must match them. Allowed: the enums themselves (Speaker's client labels), the
   * LLM's chat roles and the voice platforms' speaker names (their vocabulary, not ours), the
   * diagnostics report's list of failed scenarios, the webhook outbox's delivery states and a
   * top-level domain of the e-mail detector.
   */
  @Test
  void turnStatusesAndRolesAreNamedOnlyThroughTheirEnums() throws IOException {
    Pattern literal = Pattern.compile("\"(pending|cleaned|skipped|failed|ai|user)\"");
    Set<String> allowed =
        Set.of(
            "contract/Speaker.java",
            "contract/TurnStatus.java",
            "cleaner/llm/PromptTemplate.java",
            "integrations/Source.java",
            "diagnostics/DiagnosticsVerticle.java",
            "webhook/DeliveryLoop.java",
            "api/WebhookRoutes.java",
            "privacy/EmailDetector.java");
    Path sources = Path.of("src/main/java/io/cleanercontext");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String name = sources.relativize(file).toString().replace('\\', '/');
        if (allowed.contains(name)) {
          continue;
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          if (literal.matcher(lines.get(i)).find()) {
            found.add(name + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertThat(found).as("status or role string literals outside their enums").isEmpty();
  }

  @Test
  void noStaticRegistryKeyedByVertxInstance() {
    fields().that().areStatic().should(notBeARegistryOfInstances()).check(main);
  }

  /** A static map keyed by {@link Vertx} or by any object (an owner) is a per-instance registry. */
  private static ArchCondition<JavaField> notBeARegistryOfInstances() {
    return new ArchCondition<>("not be a map keyed by Vertx or Object") {
      @Override
      public void check(JavaField field, ConditionEvents events) {
        JavaType type = field.getType();
        boolean registry =
            field.getRawType().isAssignableTo(Map.class)
                && type instanceof JavaParameterizedType parameterized
                && !parameterized.getActualTypeArguments().isEmpty()
                && Stream.of(Vertx.class.getName(), Object.class.getName())
                    .anyMatch(
                        key -> key.equals(parameterized.getActualTypeArguments().get(0).getName()));
        events.add(
            new SimpleConditionEvent(
                field, !registry, field.getFullName() + " is a static registry of instances"));
      }
    };
  }
}
