package dev.archlab.trading;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class DenseNetworkProperties {

  @Property(tries = 60)
  void backward_matchesCentralFiniteDifferences(
      @ForAll long seed,
      @ForAll("activations") Activation hidden,
      @ForAll Loss loss,
      @ForAll @IntRange(min = 1, max = 3) int depth) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] sizes = new int[depth];
    for (int i = 0; i < depth; i++) {
      sizes[i] = 2 + random.nextInt(5);
    }
    int inputs = 1 + random.nextInt(4);
    int outputs = 1 + random.nextInt(3);
    DenseNetwork network = DenseNetwork.perceptron(inputs, sizes, hidden, outputs, seed);
    randomiseBiases(network, random);
    double[] input = random.doubles(inputs, -2, 2).toArray();
    double[] target = random.doubles(outputs, -3, 3).toArray();
    moveAwayFromReluKinks(network, input, depth);

    network.zeroGradients();
    double[] output = network.forward(input);
    double[] outputGradient = new double[outputs];
    for (int j = 0; j < outputs; j++) {
      outputGradient[j] = loss.derivative(output[j] - target[j]);
    }
    network.backward(outputGradient);
    double[] analytic = network.gradients().clone();

    double[] parameters = network.parameters();
    double h = 1e-6;
    for (int p = 0; p < parameters.length; p++) {
      double saved = parameters[p];
      parameters[p] = saved + h;
      double up = lossOf(network, input, target, loss);
      parameters[p] = saved - h;
      double down = lossOf(network, input, target, loss);
      parameters[p] = saved;
      double numeric = (up - down) / (2 * h);
      double tolerance = 1e-6 * Math.max(1, Math.abs(numeric) + Math.abs(analytic[p]));
      assertEquals(numeric, analytic[p], tolerance, "parameter " + p + " of " + parameters.length);
    }
  }

  @Provide
  Arbitrary<Activation> activations() {
    return Arbitraries.of(Activation.RELU, Activation.TANH);
  }

  private static double lossOf(DenseNetwork network, double[] input, double[] target, Loss loss) {
    double[] output = network.forward(input);
    double total = 0;
    for (int j = 0; j < target.length; j++) {
      total += loss.value(output[j] - target[j]);
    }
    return total;
  }

  private static void randomiseBiases(DenseNetwork network, SplittableRandom random) {
    double[] parameters = network.parameters();
    for (int i = 0; i < parameters.length; i++) {
      parameters[i] += random.nextDouble(-0.1, 0.1);
    }
  }

  /** Finite differences are wrong across a ReLU kink, so inputs are nudged clear of them. */
  private static void moveAwayFromReluKinks(DenseNetwork network, double[] input, int depth) {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      network.forward(input);
      double margin = Double.MAX_VALUE;
      for (int layer = 1; layer <= depth; layer++) {
        for (double z : network.preActivations(layer)) {
          margin = Math.min(margin, Math.abs(z));
        }
      }
      if (margin > 1e-3) {
        return;
      }
      input[attempt % input.length] += 0.0137;
    }
  }

  @Property(tries = 40)
  void json_roundTripsEveryParameterBitForBit(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 6) int inputs,
      @ForAll("layerLists") List<DenseNetwork.Layer> layers,
      @ForAll("awkwardDoubles") List<Double> overrides) {
    DenseNetwork network = DenseNetwork.create(inputs, layers, seed);
    double[] parameters = network.parameters();
    for (int i = 0; i < overrides.size() && i < parameters.length; i++) {
      parameters[(i * 7919) % parameters.length] = overrides.get(i);
    }

    DenseNetwork copy = DenseNetwork.fromJson(network.toJson());

    assertEquals(network.layers(), copy.layers());
    assertEquals(network.inputSize(), copy.inputSize());
    long[] expected = bits(network.parameters());
    assertArrayEquals(expected, bits(copy.parameters()));
    assertEquals(network.weightsHash(), copy.weightsHash());
    assertEquals(network.toJson(), copy.toJson());
  }

  @Provide
  Arbitrary<List<DenseNetwork.Layer>> layerLists() {
    Arbitrary<DenseNetwork.Layer> layer =
        Arbitraries.integers()
            .between(1, 9)
            .flatMap(
                size ->
                    Arbitraries.of(Activation.values()).map(a -> new DenseNetwork.Layer(size, a)));
    return layer.list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<Double>> awkwardDoubles() {
    return Arbitraries.oneOf(
            Arbitraries.doubles(),
            Arbitraries.of(
                Double.MIN_VALUE,
                -Double.MIN_VALUE,
                Double.MAX_VALUE,
                -0.0,
                0.1,
                1.0 / 3,
                2.2250738585072014E-308,
                1e-320,
                Math.PI))
        .list()
        .ofMaxSize(12);
  }

  private static long[] bits(double[] values) {
    long[] bits = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Double.doubleToRawLongBits(values[i]);
    }
    return bits;
  }

  @Property(tries = 20)
  void sameSeed_sameWeights_otherSeed_otherWeights(@ForAll long seed) {
    DenseNetwork a = DenseNetwork.perceptron(5, new int[] {8, 8}, Activation.RELU, 3, seed);
    DenseNetwork b = DenseNetwork.perceptron(5, new int[] {8, 8}, Activation.RELU, 3, seed);
    DenseNetwork c = DenseNetwork.perceptron(5, new int[] {8, 8}, Activation.RELU, 3, seed + 1);

    assertEquals(a.weightsHash(), b.weightsHash());
    assertTrue(!a.weightsHash().equals(c.weightsHash()));
  }

  @Property(tries = 20)
  void clipGradients_boundsTheGlobalNorm(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 100) int maxNormTenths) {
    DenseNetwork network = DenseNetwork.perceptron(3, new int[] {6}, Activation.TANH, 2, seed);
    SplittableRandom random = new SplittableRandom(seed);
    double[] gradients = network.gradients();
    for (int i = 0; i < gradients.length; i++) {
      gradients[i] = random.nextDouble(-5, 5);
    }
    double before = norm(gradients);
    double[] direction = gradients.clone();
    double maxNorm = maxNormTenths / 10.0;

    network.clipGradients(maxNorm);

    double after = norm(network.gradients());
    assertEquals(Math.min(before, maxNorm), after, 1e-9);
    for (int i = 0; i < gradients.length; i++) {
      assertEquals(direction[i] / before, network.gradients()[i] / after, 1e-12);
    }
  }

  private static double norm(double[] values) {
    double squares = 0;
    for (double v : values) {
      squares += v * v;
    }
    return Math.sqrt(squares);
  }

  @Property(tries = 10)
  void adam_fitsALinearTarget(@ForAll long seed) {
    // Plain supervised regression: y = 2x - 1 must be learned to a small error, or the
    // optimiser, the gradients or their wiring is broken.
    DenseNetwork network = DenseNetwork.perceptron(1, new int[] {16}, Activation.TANH, 1, seed);
    AdamOptimizer adam = new AdamOptimizer(network.parameterCount(), 0.01);
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[1];
    double[] gradient = new double[1];
    for (int step = 0; step < 2_000; step++) {
      network.zeroGradients();
      for (int b = 0; b < 16; b++) {
        x[0] = random.nextDouble(-1, 1);
        gradient[0] = Loss.MSE.derivative(network.forward(x)[0] - (2 * x[0] - 1)) / 16;
        network.backward(gradient);
      }
      adam.step(network.parameters(), network.gradients());
    }
    double worst = 0;
    for (double v = -1; v <= 1; v += 0.1) {
      x[0] = v;
      worst = Math.max(worst, Math.abs(network.forward(x)[0] - (2 * v - 1)));
    }
    assertTrue(worst < 0.1, "worst error " + worst);
  }

  @Property(tries = 1)
  void fromJson_badInput_saysWhatIsWrong() {
    DenseNetwork network = DenseNetwork.perceptron(2, new int[] {3}, Activation.RELU, 1, 1);
    String json = network.toJson();

    String truncated = json.replaceFirst("\"weights\":\\[[^\\]]*\\]", "\"weights\":[1.0]");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DenseNetwork.fromJson(truncated));
    assertEquals("layer 0 must have 6 weights, got 1", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DenseNetwork.fromJson("{not json"));
    List<DenseNetwork.Layer> none = new ArrayList<>();
    assertThrows(IllegalArgumentException.class, () -> DenseNetwork.create(2, none, 1));
  }
}
