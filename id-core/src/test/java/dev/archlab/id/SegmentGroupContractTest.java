package dev.archlab.id;

import com.zaxxer.hikari.HikariDataSource;
import dev.archlab.id.testkit.IdGeneratorContract;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Segment mode over two interleaved H2 servers; the first is switched off for every other generator
 * so that nodes of one group draw from both servers.
 */
class SegmentGroupContractTest implements IdGeneratorContract {
  private static final HikariDataSource FIRST =
      TicketServers.h2InMemory(TicketServersTest.uniqueName());
  private static final HikariDataSource SECOND =
      TicketServers.h2InMemory(TicketServersTest.uniqueName());
  private int built;

  @AfterContainer
  static void closePools() {
    FIRST.close();
    SECOND.close();
  }

  @Override
  public IdGenerator newGenerator() {
    SwitchableDataSource first = new SwitchableDataSource(FIRST);
    first.setDown(built++ % 2 == 1);
    return TicketServers.builder("contract_group")
        .server(first)
        .server(SECOND)
        .blockSize(5, 200)
        .segments();
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
