package dev.archlab.trading;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The training loops allocate nothing per step once warmed up: a few small arrays per call to train
 * are allowed, a few bytes per step are not.
 */
class AllocationTest {

  private static long allocatedBytesOf(Runnable work) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().threadId();
    long before = threads.getThreadAllocatedBytes(thread);
    work.run();
    return threads.getThreadAllocatedBytes(thread) - before;
  }

  private static void assertAllocationFree(LearningAgent agent, Environment environment) {
    agent.train(environment, 5_000, TrainingListener.none());
    long steps = 5_000;

    long bytes = allocatedBytesOf(() -> agent.train(environment, steps, TrainingListener.none()));

    assertTrue(bytes < 16_384, agent.name() + " allocated " + bytes + " bytes in " + steps);
  }

  @Test
  void dqnTraining_allocatesNothingPerStep() {
    assertAllocationFree(Agents.dqn(DqnConfig.trading(), 4, 2, 1), Environments.cartPole(1));
  }

  @Test
  void policyGradientTraining_allocatesNothingPerStep() {
    TradingEnvironment environment =
        TradingEnvironment.builder(TestSeries.randomWalk(4, 400, true)).build();
    assertAllocationFree(
        Agents.policyGradient(PolicyGradientConfig.trading(), environment, 1), environment);
  }
}
