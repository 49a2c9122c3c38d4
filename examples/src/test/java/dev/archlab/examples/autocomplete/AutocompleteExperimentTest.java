package dev.archlab.examples.autocomplete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.archlab.examples.lab.LabContext;
import dev.archlab.examples.lab.Section;
import dev.archlab.examples.lab.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutocompleteExperimentTest {

  @Test
  void quickRun_reportsExactAgreeingResultsAndACacheHitRatio(@TempDir Path dir) throws Exception {
    AutocompleteExperiment experiment = new AutocompleteExperiment();
    Section section = new Section(experiment.id(), experiment.title(), dir);
    experiment.run(new LabContext(LabContext.Scale.QUICK, 7, Optional.empty(), null), section);

    List<Table> tables =
        section.blocks().stream()
            .filter(Section.TableBlock.class::isInstance)
            .map(b -> ((Section.TableBlock) b).table())
            .toList();
    assertEquals(5, tables.size());
    Table samples = tables.get(0);
    assertTrue(samples.rows().stream().anyMatch(r -> r.get(3).contains("東京")), "Japanese");
    assertTrue(samples.rows().stream().anyMatch(r -> r.get(3).startsWith("the")), "English");
    for (List<String> row : tables.get(1).rows()) {
      assertEquals("1.0000", row.get(2), "recall against brute force: " + row);
    }
    for (List<String> row : tables.get(2).rows()) {
      String[] agreed = row.get(7).split(" / ");
      assertEquals(agreed[1], agreed[0], "every contender agrees: " + row);
      assertTrue(Double.parseDouble(row.get(3)) > 0);
    }
    assertEquals(4, tables.get(2).rows().size());
    double hitRatio = Double.parseDouble(tables.get(4).rows().get(1).get(2));
    assertTrue(hitRatio > 0.3 && hitRatio < 1, "hit ratio " + hitRatio);
    assertFalse(section.summary().isEmpty());
  }
}
