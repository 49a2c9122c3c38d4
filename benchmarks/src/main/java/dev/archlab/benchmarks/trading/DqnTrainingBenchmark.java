package dev.archlab.benchmarks.trading;

import dev.archlab.trading.Agents;
import dev.archlab.trading.Bar;
import dev.archlab.trading.DqnConfig;
import dev.archlab.trading.Environment;
import dev.archlab.trading.Environments;
import dev.archlab.trading.LearningAgent;
import dev.archlab.trading.PolicyGradientConfig;
import dev.archlab.trading.PriceSeries;
import dev.archlab.trading.TradingEnvironment;
import dev.archlab.trading.TrainingListener;
import dev.archlab.trading.TrainingResult;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end training speed on one core: environment steps per second, including acting, stepping
 * the environment, storing transitions and every gradient step the schedule asks for. The issue's
 * target is 5,000 steps/s for DQN with a 64x64 network; Stable-Baselines3 reports about 640 for its
 * DQN on cart-pole on a CPU.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DqnTrainingBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// One fork is enough: training is deterministic, so forks differ only in JIT and machine noise.
@Fork(1)
// Warm-up long enough for C2 to compile the network loops (about 20,000 steps).
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
// Training is single-threaded by design (bit reproducibility); one thread measures one core.
@Threads(1)
public class DqnTrainingBenchmark {
  private static final int STEPS = 1_000;

  /** Which agent, settings and environment. */
  public enum Workload {
    /** DQN, 64x64, train every 4 steps with batch 64 (DqnConfig.trading), on cart-pole. */
    DQN_CARTPOLE_EVERY_4_STEPS,
    /** DQN, 64x64, the zoo settings used by the cart-pole proof (DqnConfig.cartPole). */
    DQN_CARTPOLE_ZOO,
    /** DQN, 64x64, DqnConfig.trading, on a 13-feature trading environment. */
    DQN_TRADING,
    /** REINFORCE, 64x64 tanh, on the same trading environment. */
    REINFORCE_TRADING
  }

  @Param Workload workload;

  private LearningAgent agent;
  private Environment environment;

  @Setup
  public void prepare() {
    environment =
        switch (workload) {
          case DQN_CARTPOLE_EVERY_4_STEPS, DQN_CARTPOLE_ZOO -> Environments.cartPole(1);
          case DQN_TRADING, REINFORCE_TRADING ->
              TradingEnvironment.builder(randomWalk(2_000)).build();
        };
    agent =
        switch (workload) {
          case DQN_CARTPOLE_EVERY_4_STEPS, DQN_TRADING ->
              Agents.dqn(DqnConfig.trading(), environment, 1);
          case DQN_CARTPOLE_ZOO -> Agents.dqn(DqnConfig.cartPole(), environment, 1);
          case REINFORCE_TRADING ->
              Agents.policyGradient(PolicyGradientConfig.trading(), environment, 1);
        };
    // Past the replay warm-up, so that every measured step includes learning.
    agent.train(environment, 2_000, TrainingListener.none());
  }

  @Benchmark
  @OperationsPerInvocation(STEPS)
  public TrainingResult train() {
    return agent.train(environment, STEPS, TrainingListener.none());
  }

  private static PriceSeries randomWalk(int bars) {
    SplittableRandom random = new SplittableRandom(3);
    List<Bar> list = new ArrayList<>();
    LocalDate day = LocalDate.of(2000, 1, 3);
    double close = 100;
    while (list.size() < bars) {
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        close *= Math.exp(random.nextDouble(-0.02, 0.02));
        list.add(Bar.ofClose(day, close));
      }
      day = day.plusDays(1);
    }
    return PriceSeries.of("random-walk", list);
  }
}
