package dev.archlab.cache;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.archlab.testsupport.ArchlabRules;

@AnalyzeClasses(
    packages = "dev.archlab.cache",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest static final ArchTests rules = ArchTests.in(ArchlabRules.class);
}
