package dev.archlab.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "dev.archlab.examples",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule examples_use_only_the_module_apis =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.archlab..internal..")
          .because("examples show what a user can do with the public API alone");
}
