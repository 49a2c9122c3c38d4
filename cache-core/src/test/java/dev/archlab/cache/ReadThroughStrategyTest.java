package dev.archlab.cache;

class ReadThroughStrategyTest implements CacheStrategyContract {
  @Override
  public CacheStrategy<String, String> create(TestStore store, ManualClock clock) {
    return CacheStrategyContract.preset(store, clock).readThrough();
  }

  @Override
  public String expectedName() {
    return "read-through";
  }
}
