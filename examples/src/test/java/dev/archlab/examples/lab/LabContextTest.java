package dev.archlab.examples.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabContextTest {

  @Test
  void sharedDataFolder_besideTheRepositoryRoot_isFoundWhateverTheWorkingDirectory(
      @TempDir Path dir) throws Exception {
    // Tests run in examples/; the shared folder sits beside a repository root elsewhere.
    Path root = Files.createDirectories(dir.resolve("clone"));
    Path shared = Files.createDirectories(dir.resolve("shared/data"));

    assertEquals(
        Optional.of(shared.toAbsolutePath()),
        LabContext.sharedDataFolder(null, null, root.toString()));
  }

  @Test
  void sharedDataFolder_environmentVariable_winsOverTheRepositoryRoot(@TempDir Path dir)
      throws Exception {
    Path root = Files.createDirectories(dir.resolve("clone"));
    Files.createDirectories(dir.resolve("shared/data"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

    assertEquals(
        Optional.of(elsewhere.toAbsolutePath()),
        LabContext.sharedDataFolder(null, elsewhere.toString(), root.toString()));
  }

  @Test
  void sharedDataFolder_option_winsOverTheEnvironmentVariable(@TempDir Path dir) throws Exception {
    Path option = Files.createDirectories(dir.resolve("option"));
    Path env = Files.createDirectories(dir.resolve("env"));

    assertEquals(
        Optional.of(option.toAbsolutePath()),
        LabContext.sharedDataFolder(option, env.toString(), null));
  }

  @Test
  void sharedDataFolder_namedFolderThatDoesNotExist_isAnErrorNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("missing");

    IllegalArgumentException option =
        assertThrows(
            IllegalArgumentException.class, () -> LabContext.sharedDataFolder(missing, null, null));
    IllegalArgumentException env =
        assertThrows(
            IllegalArgumentException.class,
            () -> LabContext.sharedDataFolder(null, missing.toString(), null));

    assertTrue(option.getMessage().startsWith("--data: "), option.getMessage());
    assertTrue(env.getMessage().startsWith("ARCHLAB_DATA: "), env.getMessage());
    assertTrue(option.getMessage().contains(missing.toString()), option.getMessage());
    assertTrue(env.getMessage().contains(missing.toString()), env.getMessage());
  }
}
