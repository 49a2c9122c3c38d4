package dev.archlab.trading;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Regression tests for misuse of the public API found by hostile testing. */
class ApiMisuseTest {
  private static final LocalDate DAY = LocalDate.of(2023, 1, 2);

  private static PriceSeries rising(int bars) {
    List<Bar> list = new ArrayList<>();
    for (int i = 0; i < bars; i++) {
      list.add(Bar.ofClose(DAY.plusDays(i), 100 + i + (i % 3)));
    }
    return PriceSeries.of("rising", list);
  }

  @Test
  void bar_zeroOpen_isRejectedBecauseOrdersFillAtTheOpen() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Bar(DAY, 0, Double.NaN, Double.NaN, 1, Double.NaN));

    assertEquals(
        "bar 2023-01-02: open must be NaN or positive and finite, got 0.0", e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("invalidFields")
  void bar_invalidOptionalField_isRejected(double open, double high, double low, double volume) {
    assertThrows(IllegalArgumentException.class, () -> new Bar(DAY, open, high, low, 1, volume));
  }

  static Stream<Arguments> invalidFields() {
    double nan = Double.NaN;
    double inf = Double.POSITIVE_INFINITY;
    return Stream.of(
        Arguments.of(-1, nan, nan, nan),
        Arguments.of(inf, nan, nan, nan),
        Arguments.of(nan, 0, nan, nan),
        Arguments.of(nan, nan, -2, nan),
        Arguments.of(nan, 1, 2, nan),
        Arguments.of(nan, nan, nan, -1),
        Arguments.of(nan, nan, nan, inf));
  }

  @Test
  void costs_reversalCostingTheWholeEquity_isRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Costs(4_000, 1_000));

    assertTrue(e.getMessage().startsWith("commissionBps + slippageBps must be below 5000"));
    assertEquals(0.4999, new Costs(4_999, 0).rate(), 1e-15);
  }

  @Test
  void builder_toLocalDateMax_usesEveryBar() {
    TradingEnvironment all = TradingEnvironment.builder(rising(60)).build();
    TradingEnvironment max = TradingEnvironment.builder(rising(60)).to(LocalDate.MAX).build();

    assertEquals(all.episodeLength(), max.episodeLength());
  }

  @Test
  void reset_observationArrayOfWrongLength_isRejected() {
    TradingEnvironment environment = TradingEnvironment.builder(rising(60)).build();
    int size = environment.observationSize();

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> environment.reset(new double[3]));
    assertEquals("observation array must have " + size + " values, got 3", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> environment.reset(new double[size + 1]));
    environment.reset(new double[size]);
    assertThrows(
        IllegalArgumentException.class,
        () -> environment.step(TradingEnvironment.LONG, new double[size + 1]));
  }

  @Test
  void act_observationTooLongOrNotFinite_isRejected() {
    TradingEnvironment environment = TradingEnvironment.builder(rising(60)).build();
    int size = environment.observationSize();
    List<Agent> agents =
        List.of(
            Agents.dqn(DqnConfig.trading(), environment, 1),
            Agents.policyGradient(PolicyGradientConfig.trading(), environment, 1));
    double[] nan = new double[size];
    Arrays.fill(nan, Double.NaN);

    for (Agent agent : agents) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> agent.act(new double[size + 5]));
      assertEquals("input must have " + size + " values, got " + (size + 5), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> agent.act(nan));
      assertEquals("input[0] must be finite, got NaN", e.getMessage());
    }
  }

  @Test
  void train_nonPositiveSteps_isRejected() {
    TradingEnvironment environment = TradingEnvironment.builder(rising(60)).build();
    List<LearningAgent> agents =
        List.of(
            Agents.dqn(DqnConfig.trading(), environment, 1),
            Agents.policyGradient(PolicyGradientConfig.trading(), environment, 1));

    for (LearningAgent agent : agents) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> agent.train(environment, -5, TrainingListener.none()));
      assertEquals("steps must be at least 1, got -5", e.getMessage());
    }
  }

  @Test
  void metrics_nonPositiveOrNaNEquity_isRejected() {
    double[] positions = {1, 1};

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Metrics.of(new double[] {1, -0.5, 1}, positions, 0, 252));
    assertEquals("equity[1] must be positive and finite, got -0.5", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Metrics.of(new double[] {1, Double.NaN, 1}, positions, 0, 252));
    assertThrows(
        IllegalArgumentException.class,
        () -> Metrics.of(new double[] {1, 1, 1}, new double[] {Double.NaN, 1}, 0, 252));
  }

  @Test
  void run_shortThroughAMoreThanDoublingBar_failsNamingTheDate() {
    List<Bar> list = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      list.add(Bar.ofClose(DAY.plusDays(i), i == 35 ? 400 : 100 + (i % 2)));
    }
    TradingEnvironment environment = TradingEnvironment.builder(PriceSeries.of("s", list)).build();
    Agent alwaysShort = new RuleAgents.Constant("short", TradingEnvironment.SHORT);

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Backtester.run(alwaysShort, environment));

    assertTrue(
        e.getMessage().startsWith("short lost the whole account on " + DAY.plusDays(35)),
        e.getMessage());
  }

  @Test
  void fromJson_handEditedOrCorrupt_namesTheProblem() {
    DenseNetwork network = DenseNetwork.perceptron(2, new int[] {2}, Activation.RELU, 1, 1);
    String json = network.toJson();
    String firstWeight = "\"weights\":\\[[-0-9.eE]+";

    assertMessage(
        "layer 0 weights[0] must be finite, got NaN",
        json.replaceFirst(firstWeight, "\"weights\":[\"NaN\""));
    assertMessage(
        "layer 0 weights[0] must be finite, got Infinity",
        json.replaceFirst(firstWeight, "\"weights\":[1e400"));
    assertMessage("network JSON is null, expected an object", "null");
    assertMessage(
        "layer 0 must have a size of at least 1 and an activation, got null",
        "{\"format\":1,\"inputSize\":2,\"layers\":[null]}");
    assertMessage(
        "layer 0 must have a size of at least 1 and an activation, got 2 and null",
        json.replaceFirst("\"activation\":\"RELU\",", ""));
    // Sizes whose parameter count overflows an int fail on the shape, before any allocation.
    assertMessage(
        "layer 0 must have 4000000000 weights, got 4",
        json.replace("\"inputSize\":2", "\"inputSize\":2000000000"));
    assertMessage(
        "layer 0 must have 10000000000 weights, got 0",
        "{\"format\":1,\"inputSize\":100000,\"layers\":[{\"size\":100000,"
            + "\"activation\":\"RELU\",\"weights\":[],\"biases\":[]}]}");
    for (String coerced :
        List.of(
            json.replace("\"inputSize\":2", "\"inputSize\":2.7"),
            json.replace("\"inputSize\":2", "\"inputSize\":\"2\""),
            json.replaceFirst(firstWeight, "\"weights\":[\"0.5\""),
            json.replaceFirst("\\{", "{\"inputSize\":5,"),
            json + json)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> DenseNetwork.fromJson(coerced));
      assertTrue(e.getMessage().startsWith("not a network JSON (line 1, column "), e.getMessage());
    }
  }

  private static void assertMessage(String expected, String json) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DenseNetwork.fromJson(json));
    assertEquals(expected, e.getMessage());
  }

  @Test
  void act_fromSeveralThreadsAtOnce_failsClearlyAndNeverReturnsAWrongAction() throws Exception {
    TradingEnvironment environment = TradingEnvironment.builder(rising(60)).build();
    LearningAgent agent = Agents.dqn(DqnConfig.trading(), environment, 3);
    double[][] observations = new double[200][environment.observationSize()];
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    int[] expected = new int[observations.length];
    for (int i = 0; i < observations.length; i++) {
      for (int j = 0; j < observations[i].length; j++) {
        observations[i][j] = random.nextGaussian();
      }
      expected[i] = agent.act(observations[i]);
    }
    java.util.concurrent.atomic.AtomicInteger wrong =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger refused =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int rep = 0; rep < 200; rep++) {
                      for (int i = 0; i < observations.length; i++) {
                        try {
                          if (agent.act(observations[i]) != expected[i]) {
                            wrong.incrementAndGet();
                          }
                        } catch (java.util.ConcurrentModificationException e) {
                          refused.incrementAndGet();
                        }
                      }
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertEquals(0, wrong.get(), "silently wrong decisions (refused " + refused.get() + ")");
  }

  @Test
  void train_whileAnotherThreadTrains_isRefused() throws Exception {
    TradingEnvironment environment = TradingEnvironment.builder(rising(200)).build();
    TradingEnvironment other = TradingEnvironment.builder(rising(200)).build();
    LearningAgent agent = Agents.dqn(DqnConfig.trading(), environment, 3);
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Thread first =
        Thread.ofPlatform()
            .start(
                () ->
                    agent.train(
                        environment,
                        1_000,
                        (steps, episodeReturn) -> {
                          inside.countDown();
                          try {
                            release.await();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          return true;
                        }));
    inside.await();

    try {
      assertThrows(
          java.util.ConcurrentModificationException.class,
          () -> agent.train(other, 10, TrainingListener.none()));
      assertThrows(
          java.util.ConcurrentModificationException.class,
          () -> agent.act(new double[environment.observationSize()]));
    } finally {
      release.countDown();
      first.join();
    }
    // Once the first thread has left, the agent is usable again.
    assertDoesNotThrow(() -> agent.act(new double[environment.observationSize()]));
  }

  @Test
  void crossoverAct_observationTooShort_namesTheFeature() {
    TradingEnvironment environment = TradingEnvironment.builder(rising(60)).build();
    Agent crossover = Agents.movingAverageCrossover(environment, true);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> crossover.act(new double[2]));

    assertEquals(
        "observation must have more than "
            + environment.crossoverFeatureIndex()
            + " values for the crossover feature, got 2",
        e.getMessage());
  }
}
