package dev.archlab.id;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The H2 properties of ticket servers, segments and leases, replayed on real PostgreSQL with fewer
 * tries: each try gets fresh schemas (one per simulated server), dropped afterwards. A "server
 * restart" here drops and reopens every client connection.
 */
@AddLifecycleHook(RequiresPostgres.class)
class PostgresPropertiesIT {

  @Provide
  Arbitrary<List<TicketServerProperties.Step>> ticketSchedules() {
    return TicketServerProperties.scheduleArbitrary();
  }

  @Provide
  Arbitrary<List<WorkerIdLeaseProperties.Step>> leaseSchedules() {
    return WorkerIdLeaseProperties.scheduleArbitrary();
  }

  @Property(tries = 4)
  void ticketIdsAreUniqueAcrossServersFailoverAndRestarts(
      @ForAll("ticketSchedules") List<TicketServerProperties.Step> schedule,
      @ForAll @IntRange(min = 1, max = 3) int servers)
      throws Exception {
    runOnPostgres(schedule, servers, false);
  }

  @Property(tries = 4)
  void segmentIdsAreUniqueAcrossNodesFailoverAndRestarts(
      @ForAll("ticketSchedules") List<TicketServerProperties.Step> schedule,
      @ForAll @IntRange(min = 1, max = 3) int servers)
      throws Exception {
    runOnPostgres(schedule, servers, true);
  }

  @Property(tries = 6)
  void holdersOfOneWorkerIdNeverStampTheSameMillisecond(
      @ForAll("leaseSchedules") List<WorkerIdLeaseProperties.Step> schedule) throws Exception {
    try (PostgresSchemas schemas = new PostgresSchemas()) {
      HikariDataSource database = schemas.newServer();
      WorkerIdLeaseProperties.check(schedule, database);
    }
  }

  private static void runOnPostgres(
      List<TicketServerProperties.Step> schedule, int serverCount, boolean segments)
      throws Exception {
    try (PostgresSchemas schemas = new PostgresSchemas()) {
      List<String> urls = new ArrayList<>();
      for (int i = 0; i < serverCount; i++) {
        urls.add(schemas.newServerUrl());
      }
      TicketServerProperties.run(schedule, urls, schemas.user(), schemas.password(), segments);
    }
  }
}
