package dev.archlab.examples.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.archlab.examples.cli.ArchlabCli;
import dev.archlab.examples.lab.LabContext;
import dev.archlab.examples.lab.Section;
import dev.archlab.examples.lab.Table;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TradingExperimentTest {

  @Test
  void quickRun_writesMetricsForLearnersAndBaselinesAndAnEquityChart(@TempDir Path out)
      throws Exception {
    TradingExperiment experiment = new TradingExperiment();
    Section section = new Section(experiment.id(), experiment.title(), out);

    experiment.run(new LabContext(LabContext.Scale.QUICK, 7, Optional.empty(), null), section);

    Table table =
        section.blocks().stream()
            .filter(Section.TableBlock.class::isInstance)
            .map(b -> ((Section.TableBlock) b).table())
            .findFirst()
            .orElseThrow();
    assertEquals(
        java.util.List.of(
            "double-dqn",
            "reinforce",
            "buy-and-hold",
            "ma-crossover",
            "ma-crossover-long-only",
            "random"),
        table.rows().stream().map(row -> row.get(0)).toList());
    assertTrue(Files.size(out.resolve("trading-equity.png")) > 10_000);
    assertTrue(section.summary().stream().anyMatch(r -> r.metric().contains("training steps/s")));
  }

  @Test
  void bundledSeries_loadWithTheirFullHistory() throws Exception {
    assertEquals(1047, TradingRuns.load("goog").size());
    assertEquals(252, TradingRuns.load("aapl").size());
  }

  @Test
  void tradeTrainThenBacktest_savesAModelAndComparesItWithTheBaselines(@TempDir Path dir) {
    Path model = dir.resolve("model.json");
    Path chart = dir.resolve("backtest.png");

    String trained =
        run(
            "trade",
            "train",
            "--agent",
            "reinforce",
            "--steps",
            "1500",
            "--no-progress",
            "--model",
            model.toString());
    String backtest =
        run(
            "trade",
            "backtest",
            "--model",
            model.toString(),
            "--chart",
            chart.toString(),
            "--no-progress");

    assertTrue(trained.contains("Weights hash"), trained);
    assertTrue(Files.exists(model));
    assertTrue(backtest.contains("buy-and-hold") && backtest.contains("model"), backtest);
    assertTrue(Files.exists(chart));
  }

  @Test
  void tradeCompare_printsEveryAgent(@TempDir Path dir) {
    String compared =
        run(
            "trade",
            "compare",
            "--seeds",
            "1",
            "--steps",
            "800",
            "--data",
            "goog",
            "--no-progress",
            "--chart",
            dir.resolve("c.png").toString());

    for (String agent : new String[] {"double-dqn", "reinforce", "buy-and-hold", "random"}) {
      assertTrue(compared.contains(agent), compared);
    }
  }

  @Test
  void tradeTrain_unknownData_failsWithTheChoices() {
    CommandLine cli = ArchlabCli.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("trade", "train", "--data", "nope.csv", "--no-progress");

    assertEquals(1, exit);
    assertTrue(err.toString().contains("--data must be one of"), err.toString());
  }

  private static String run(String... args) {
    CommandLine cli = ArchlabCli.commandLine();
    StringWriter text = new StringWriter();
    cli.setOut(new PrintWriter(text));
    int exit = cli.execute(args);
    assertEquals(0, exit, text.toString());
    return text.toString();
  }
}
