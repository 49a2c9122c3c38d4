package dev.archlab.examples.lab;

import java.util.List;

/** Every experiment {@code archlab lab} runs, in report order. */
public final class Experiments {
  private Experiments() {}

  /** A new instance of each registered experiment. */
  public static List<Experiment> all() {
    return List.of(
        new dev.archlab.examples.id.IdExperiment(),
        new dev.archlab.examples.cache.CacheExperiment(),
        new dev.archlab.examples.autocomplete.AutocompleteExperiment(),
        new dev.archlab.examples.trading.TradingExperiment());
  }
}
