package dev.archlab.id;

import com.zaxxer.hikari.HikariDataSource;
import dev.archlab.id.testkit.IdGeneratorContract;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Segment mode on one H2 server with small blocks, so that every try crosses many block switches
 * and background prefetches; several nodes share the counter.
 */
class SegmentContractTest implements IdGeneratorContract {
  private static final HikariDataSource SERVER =
      TicketServers.h2InMemory(TicketServersTest.uniqueName());

  @AfterContainer
  static void closePool() {
    SERVER.close();
  }

  @Override
  public IdGenerator newGenerator() {
    return TicketServers.builder("contract_segments").server(SERVER).blockSize(7, 300).segments();
  }

  @Override
  public List<IdGenerator> newGeneratorsSharingOneScope(int n) {
    List<IdGenerator> generators = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      generators.add(newGenerator());
    }
    return generators;
  }
}
