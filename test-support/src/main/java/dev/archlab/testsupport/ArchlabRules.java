package dev.archlab.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The architecture rules every archlab core module runs on its own main classes.
 *
 * <p>A module pulls them in with a test class annotated {@code @AnalyzeClasses(packages =
 * "dev.archlab.<module>", importOptions = ImportOption.DoNotIncludeTests.class)} holding
 * {@code @ArchTest static final ArchTests rules = ArchTests.in(ArchlabRules.class);}.
 *
 * <p>A module's API is its root package ({@code dev.archlab.id}, {@code dev.archlab.cache}, ...).
 * Public types may live only there, or in a package named {@code internal} when a type must be
 * public for technical reasons; examples may not import those.
 */
public final class ArchlabRules {

  private static final String ARCHLAB = "dev.archlab.";

  @ArchTest
  public static final ArchRule core_modules_do_not_depend_on_other_archlab_modules =
      classes()
          .should(dependOnlyOnTheirOwnArchlabModule())
          .because("each core module is usable alone; modules meet only in examples");

  @ArchTest
  public static final ArchRule core_modules_do_not_depend_on_examples =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.archlab.examples..")
          .because("examples sit on top of the libraries, never below them");

  @ArchTest
  public static final ArchRule packages_are_free_of_cycles =
      slices()
          .matching("dev.archlab.(**)")
          .should()
          .beFreeOfCycles()
          .because("a cycle between packages makes them one package in disguise");

  @ArchTest
  public static final ArchRule public_types_live_in_the_api_package_or_internal =
      classes()
          .that()
          .arePublic()
          .and()
          .areTopLevelClasses()
          .should(resideInModuleRootOrInternal())
          .because("implementations hide behind the module API so they can change freely");

  @ArchTest
  public static final ArchRule library_code_never_writes_to_standard_streams =
      NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.because(
          "libraries log through SLF4J; the application chooses where output goes");

  private ArchlabRules() {}

  /** The archlab module a class belongs to: {@code id} for {@code dev.archlab.id.x.Y}. */
  static String moduleOf(String packageName) {
    if (!packageName.startsWith(ARCHLAB)) {
      return "";
    }
    String rest = packageName.substring(ARCHLAB.length());
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static ArchCondition<JavaClass> dependOnlyOnTheirOwnArchlabModule() {
    return new ArchCondition<>("depend only on their own archlab module") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String own = moduleOf(item.getPackageName());
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          String target = moduleOf(dependency.getTargetClass().getPackageName());
          if (!target.isEmpty() && !target.equals(own)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> resideInModuleRootOrInternal() {
    return new ArchCondition<>("reside in the module's root package or an internal package") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String pkg = item.getPackageName();
        String root = ARCHLAB + moduleOf(pkg);
        boolean allowed =
            pkg.equals(root)
                || pkg.contains(".internal")
                || !item.getModifiers().contains(JavaModifier.PUBLIC);
        if (!allowed) {
          events.add(
              SimpleConditionEvent.violated(
                  item, item.getName() + " is public but outside " + root + " and internal"));
        }
      }
    };
  }
}
