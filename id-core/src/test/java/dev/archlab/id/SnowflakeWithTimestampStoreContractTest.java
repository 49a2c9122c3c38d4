package dev.archlab.id;

/** Twitter layout with a timestamp store, so reservations run on the hot path. */
class SnowflakeWithTimestampStoreContractTest extends SnowflakeContract {
  @Override
  SnowflakeLayout layout() {
    return SnowflakeLayout.twitter();
  }

  @Override
  IdGenerators.SnowflakeBuilder configure(IdGenerators.SnowflakeBuilder builder) {
    return builder.timestampStore(TimestampStores.inMemory());
  }
}
