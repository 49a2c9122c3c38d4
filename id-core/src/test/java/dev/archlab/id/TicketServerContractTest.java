package dev.archlab.id;

import com.zaxxer.hikari.HikariDataSource;
import dev.archlab.id.testkit.IdGeneratorContract;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.lifecycle.AfterContainer;

/** Single tickets from two interleaved H2 ticket servers, several clients per group. */
class TicketServerContractTest implements IdGeneratorContract {
  private static final HikariDataSource ODD =
      TicketServers.h2InMemory(TicketServersTest.uniqueName());
  private static final HikariDataSource EVEN =
      TicketServers.h2InMemory(TicketServersTest.uniqueName());

  @AfterContainer
  static void closePools() {
    ODD.close();
    EVEN.close();
  }

  @Override
  public IdGenerator newGenerator() {
    return TicketServers.builder("contract_tickets").server(ODD).server(EVEN).tickets();
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
