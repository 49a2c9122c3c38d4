package dev.archlab.cache;

class WriteThroughStrategyTest implements CacheStrategyContract {
  @Override
  public CacheStrategy<String, String> create(TestStore store, ManualClock clock) {
    return CacheStrategyContract.preset(store, clock).writeThrough();
  }

  @Override
  public String expectedName() {
    return "write-through";
  }
}
