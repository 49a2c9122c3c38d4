package dev.archlab.id;

import dev.archlab.id.testkit.IdGeneratorContract;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Runs the shared {@link IdGeneratorContract} against Snowflake generators with distinct worker ids
 * on one layout and the system clock; subclasses choose the layout.
 */
abstract class SnowflakeContract implements IdGeneratorContract {

  abstract SnowflakeLayout layout();

  /** Hook for subclasses that add options such as a timestamp store. */
  IdGenerators.SnowflakeBuilder configure(IdGenerators.SnowflakeBuilder builder) {
    return builder;
  }

  @Override
  public IdGenerator newGenerator() {
    return newGeneratorsSharingOneScope(1).get(0);
  }

  @Override
  public List<IdGenerator> newGeneratorsSharingOneScope(int n) {
    SnowflakeLayout layout = layout();
    return IntStream.range(0, n)
        .mapToObj(worker -> configure(IdGenerators.snowflake(layout).workerId(worker)).build())
        .toList();
  }
}
