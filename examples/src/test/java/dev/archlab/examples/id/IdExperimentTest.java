package dev.archlab.examples.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.archlab.examples.lab.LabContext;
import dev.archlab.examples.lab.Section;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdExperimentTest {

  @Test
  void quickRun_reportsEveryStrategyWithZeroDuplicates(@TempDir Path dir) throws Exception {
    Section section = new Section("id", "ids", dir);
    LabContext context = new LabContext(LabContext.Scale.QUICK, 1, Optional.empty(), null);

    new IdExperiment(new IdExperiment.Options(3, 5_000, 500, 5, 5, 50)).run(context, section);

    var tables =
        section.blocks().stream()
            .filter(Section.TableBlock.class::isInstance)
            .map(Section.TableBlock.class::cast)
            .toList();
    assertEquals(2, tables.size());
    var steady = tables.get(0).table().rows();
    assertEquals(
        java.util.List.of("snowflake", "ticket", "segment", "uuidv7"),
        steady.stream().map(row -> row.get(0)).toList());
    for (var row : steady) {
      assertEquals("0", row.get(3), "steady duplicates of " + row.get(0));
    }
    for (var row : tables.get(1).table().rows()) {
      assertEquals("0", row.get(3), "duplicates over all ids of " + row.get(0));
    }
    String snowflakeFault = tables.get(1).table().rows().get(0).get(2);
    assertTrue(snowflakeFault.contains("refused"), snowflakeFault);
    assertTrue(
        section.blocks().stream().anyMatch(Section.Image.class::isInstance), "throughput chart");
  }

  @Test
  void options_outOfRange_areRejectedWithTheValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new IdExperiment.Options(0, 100, 100, 5, 5, 50));
    assertEquals("nodes must be between 1 and 64, was 0", e.getMessage());
  }
}
