package dev.archlab.trading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A fully connected feed-forward network in plain Java: dense layers with ReLU, tanh or linear
 * activations, all parameters in one flat array. Weights are stored input-major: in a layer with
 * {@code n} outputs, {@code weights[i * n + j]} connects input {@code i} to output {@code j}.
 *
 * <p>Weights start He-uniform for ReLU layers and Glorot-uniform otherwise, biases at zero, drawn
 * from one {@link SplittableRandom} seeded by the caller, so that a seed fixes the network bit for
 * bit. {@link #toJson()} and {@link #fromJson(String)} round-trip every parameter exactly.
 *
 * <p>Not thread-safe: forward passes reuse internal buffers so that they allocate nothing. Use
 * {@link #copy()} to give each thread its own network. {@link #predict} and {@link #argmax} called
 * from a second thread while another is inside them throw {@link
 * java.util.ConcurrentModificationException} rather than return a mixed-up result.
 *
 * @since 0.1
 */
public final class DenseNetwork {
  private static final int FORMAT = 1;
  // Hand-edited files must not be coerced: "2.7" or "2" is not a size and "NaN" is not a weight,
  // and a second object or a repeated key would silently win over what was meant.
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** Most parameters a loaded network may have, so that a bad size fails before allocating. */
  private static final long MAX_PARAMETERS = 1L << 28;

  /**
   * One dense layer.
   *
   * @param size number of units, at least 1
   * @param activation the layer's activation
   */
  public record Layer(int size, Activation activation) {

    /** Checks the size is positive. */
    public Layer {
      if (size < 1) {
        throw new IllegalArgumentException("layer size must be at least 1, got " + size);
      }
      Objects.requireNonNull(activation, "activation");
    }
  }

  private final int inputSize;
  private final List<Layer> layers;
  private final int[] sizes;
  private final int[] weightOffsets;
  private final int[] biasOffsets;
  private final double[] parameters;
  private final double[] gradients;
  private final double[][] preActivations;
  private final double[][] outputs;
  private final double[][] deltas;
  private final SingleThreadGuard guard = new SingleThreadGuard("this DenseNetwork");

  private DenseNetwork(int inputSize, List<Layer> layers) {
    if (inputSize < 1) {
      throw new IllegalArgumentException("input size must be at least 1, got " + inputSize);
    }
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one layer");
    }
    this.inputSize = inputSize;
    this.layers = List.copyOf(layers);
    int count = layers.size();
    sizes = new int[count + 1];
    sizes[0] = inputSize;
    weightOffsets = new int[count];
    biasOffsets = new int[count];
    int offset = 0;
    for (int l = 0; l < count; l++) {
      sizes[l + 1] = layers.get(l).size();
      weightOffsets[l] = offset;
      offset += sizes[l] * sizes[l + 1];
      biasOffsets[l] = offset;
      offset += sizes[l + 1];
    }
    parameters = new double[offset];
    gradients = new double[offset];
    preActivations = new double[count + 1][];
    outputs = new double[count + 1][];
    deltas = new double[count + 1][];
    for (int l = 0; l <= count; l++) {
      preActivations[l] = new double[sizes[l]];
      outputs[l] = new double[sizes[l]];
      deltas[l] = new double[sizes[l]];
    }
  }

  /**
   * A network with freshly initialised weights.
   *
   * @param inputSize length of the input vector
   * @param layers hidden and output layers, in order
   * @param seed seed of the weight initialisation
   */
  public static DenseNetwork create(int inputSize, List<Layer> layers, long seed) {
    DenseNetwork network = new DenseNetwork(inputSize, layers);
    SplittableRandom random = new SplittableRandom(seed);
    for (int l = 0; l < network.layers.size(); l++) {
      int in = network.sizes[l];
      int out = network.sizes[l + 1];
      double bound =
          network.layers.get(l).activation() == Activation.RELU
              ? Math.sqrt(6.0 / in)
              : Math.sqrt(6.0 / (in + out));
      for (int i = 0; i < in * out; i++) {
        network.parameters[network.weightOffsets[l] + i] = random.nextDouble(-bound, bound);
      }
    }
    return network;
  }

  /** A multi-layer perceptron: equal-activation hidden layers and a linear output layer. */
  public static DenseNetwork perceptron(
      int inputSize, int[] hiddenSizes, Activation hidden, int outputSize, long seed) {
    List<Layer> layers = new ArrayList<>();
    for (int size : hiddenSizes) {
      layers.add(new Layer(size, hidden));
    }
    layers.add(new Layer(outputSize, Activation.LINEAR));
    return create(inputSize, layers, seed);
  }

  /** Length of the input vector. */
  public int inputSize() {
    return inputSize;
  }

  /** Length of the output vector. */
  public int outputSize() {
    return sizes[sizes.length - 1];
  }

  /** The layers after the input, in order. */
  public List<Layer> layers() {
    return layers;
  }

  /** Number of weights and biases. */
  public int parameterCount() {
    return parameters.length;
  }

  /**
   * Computes the network's output for {@code input} into {@code output}.
   *
   * @throws IllegalArgumentException if {@code input} does not hold exactly {@link #inputSize()}
   *     finite values
   */
  public void predict(double[] input, double[] output) {
    checkFinite(input);
    guard.enter();
    try {
      System.arraycopy(forward(input), 0, output, 0, outputSize());
    } finally {
      guard.exit();
    }
  }

  /**
   * Index of the largest output for {@code input}; the lowest index wins ties.
   *
   * @throws IllegalArgumentException if {@code input} does not hold exactly {@link #inputSize()}
   *     finite values
   */
  public int argmax(double[] input) {
    checkFinite(input);
    guard.enter();
    try {
      return indexOfMax(forward(input));
    } finally {
      guard.exit();
    }
  }

  // A NaN input makes every output NaN, and argmax would then quietly answer action 0.
  private static void checkFinite(double[] input) {
    for (int i = 0; i < input.length; i++) {
      if (!Double.isFinite(input[i])) {
        throw new IllegalArgumentException("input[" + i + "] must be finite, got " + input[i]);
      }
    }
  }

  static int indexOfMax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  /** An independent network with the same architecture and parameters. */
  public DenseNetwork copy() {
    DenseNetwork copy = new DenseNetwork(inputSize, layers);
    System.arraycopy(parameters, 0, copy.parameters, 0, parameters.length);
    return copy;
  }

  /** SHA-256 of the architecture and of every parameter's bits, in hex. */
  public String weightsHash() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      ByteBuffer buffer = ByteBuffer.allocate(8 * (parameters.length + sizes.length + 1));
      buffer.putLong(layers.size());
      for (int size : sizes) {
        buffer.putLong(size);
      }
      for (double p : parameters) {
        buffer.putLong(Double.doubleToRawLongBits(p));
      }
      for (Layer layer : layers) {
        digest.update((byte) layer.activation().ordinal());
      }
      return HexFormat.of().formatHex(digest.digest(buffer.array()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** The architecture and every parameter as JSON; {@link #fromJson} restores it exactly. */
  public String toJson() {
    List<LayerJson> layerJson = new ArrayList<>();
    for (int l = 0; l < layers.size(); l++) {
      int weights = sizes[l] * sizes[l + 1];
      double[] w = new double[weights];
      double[] b = new double[sizes[l + 1]];
      System.arraycopy(parameters, weightOffsets[l], w, 0, weights);
      System.arraycopy(parameters, biasOffsets[l], b, 0, b.length);
      layerJson.add(new LayerJson(sizes[l + 1], layers.get(l).activation(), w, b));
    }
    try {
      return JSON.writeValueAsString(new NetworkJson(FORMAT, inputSize, layerJson));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write network as JSON", e);
    }
  }

  /**
   * A network read from {@link #toJson()} output.
   *
   * @throws IllegalArgumentException if the JSON is malformed or its arrays do not fit the declared
   *     layer sizes
   */
  public static DenseNetwork fromJson(String json) {
    NetworkJson read;
    try {
      read = JSON.readValue(json, NetworkJson.class);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw new IllegalArgumentException(
          "not a network JSON" + where + ": " + e.getOriginalMessage(), e);
    }
    if (read == null) {
      throw new IllegalArgumentException("network JSON is null, expected an object");
    }
    if (read.format() != FORMAT) {
      throw new IllegalArgumentException(
          "network JSON format must be " + FORMAT + ", got " + read.format());
    }
    if (read.layers() == null || read.layers().isEmpty()) {
      throw new IllegalArgumentException("network JSON has no layers");
    }
    if (read.inputSize() < 1) {
      throw new IllegalArgumentException(
          "network JSON inputSize must be at least 1, got " + read.inputSize());
    }
    // Every shape is checked against the arrays already read before anything is allocated.
    List<Layer> layers = new ArrayList<>();
    long previousSize = read.inputSize();
    long parameterCount = 0;
    for (int l = 0; l < read.layers().size(); l++) {
      LayerJson layer = read.layers().get(l);
      if (layer == null || layer.activation() == null || layer.size() < 1) {
        throw new IllegalArgumentException(
            "layer "
                + l
                + " must have a size of at least 1 and an activation, got "
                + (layer == null ? "null" : layer.size() + " and " + layer.activation()));
      }
      long expected = previousSize * layer.size();
      checkParameters(l, "weights", expected, layer.weights());
      checkParameters(l, "biases", layer.size(), layer.biases());
      parameterCount += expected + layer.size();
      if (parameterCount > MAX_PARAMETERS) {
        throw new IllegalArgumentException(
            "network JSON has more than " + MAX_PARAMETERS + " parameters by layer " + l);
      }
      layers.add(new Layer(layer.size(), layer.activation()));
      previousSize = layer.size();
    }
    DenseNetwork network = new DenseNetwork(read.inputSize(), layers);
    for (int l = 0; l < layers.size(); l++) {
      LayerJson layer = read.layers().get(l);
      int weights = layer.weights().length;
      System.arraycopy(layer.weights(), 0, network.parameters, network.weightOffsets[l], weights);
      System.arraycopy(layer.biases(), 0, network.parameters, network.biasOffsets[l], layer.size());
    }
    return network;
  }

  private static void checkParameters(int layer, String kind, long expected, double[] values) {
    if (values == null || values.length != expected) {
      throw new IllegalArgumentException(
          "layer " + layer + " must have " + expected + " " + kind + ", got " + lengthOf(values));
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "layer " + layer + " " + kind + "[" + i + "] must be finite, got " + values[i]);
      }
    }
  }

  private static int lengthOf(double[] values) {
    return values == null ? 0 : values.length;
  }

  record NetworkJson(int format, int inputSize, List<LayerJson> layers) {}

  record LayerJson(int size, Activation activation, double[] weights, double[] biases) {}

  double[] parameters() {
    return parameters;
  }

  /** Pre-activations of layer {@code layer} (1-based) from the last forward pass. */
  double[] preActivations(int layer) {
    return preActivations[layer];
  }

  double[] gradients() {
    return gradients;
  }

  void copyParametersFrom(DenseNetwork other) {
    if (other.parameters.length != parameters.length) {
      throw new IllegalArgumentException("networks have different architectures");
    }
    System.arraycopy(other.parameters, 0, parameters, 0, parameters.length);
  }

  /** Forward pass; returns the internal output buffer, valid until the next pass. */
  double[] forward(double[] input) {
    if (input.length != inputSize) {
      throw new IllegalArgumentException(
          "input must have " + inputSize + " values, got " + input.length);
    }
    System.arraycopy(input, 0, outputs[0], 0, inputSize);
    for (int l = 0; l < layers.size(); l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double[] a = outputs[l];
      double[] z = preActivations[l + 1];
      double[] next = outputs[l + 1];
      Activation activation = layers.get(l).activation();
      int w = weightOffsets[l];
      System.arraycopy(parameters, biasOffsets[l], z, 0, out);
      // Input-major weights make the inner loop an axpy that the JIT vectorises; zero inputs
      // (inactive ReLU units) contribute nothing and are skipped.
      for (int i = 0; i < in; i++) {
        double ai = a[i];
        if (ai == 0) {
          continue;
        }
        int row = w + i * out;
        for (int j = 0; j < out; j++) {
          z[j] += parameters[row + j] * ai;
        }
      }
      activate(activation, z, next, out);
    }
    return outputs[layers.size()];
  }

  /**
   * Backward pass for the last {@link #forward} input: adds the parameter gradients of a loss whose
   * derivative with respect to the outputs is {@code outputGradient}.
   */
  void backward(double[] outputGradient) {
    int last = layers.size();
    for (int l = last; l >= 1; l--) {
      double[] delta = deltas[l];
      double[] z = preActivations[l];
      double[] a = outputs[l];
      Activation activation = layers.get(l - 1).activation();
      int out = sizes[l];
      double[] upstream = l == last ? outputGradient : delta;
      switch (activation) {
        case RELU -> {
          for (int j = 0; j < out; j++) {
            delta[j] = z[j] > 0 ? upstream[j] : 0;
          }
        }
        case TANH -> {
          for (int j = 0; j < out; j++) {
            delta[j] = upstream[j] * (1 - a[j] * a[j]);
          }
        }
        case LINEAR -> System.arraycopy(upstream, 0, delta, 0, out);
      }
      int in = sizes[l - 1];
      double[] previous = outputs[l - 1];
      double[] previousDelta = deltas[l - 1];
      int w = weightOffsets[l - 1];
      int b = biasOffsets[l - 1];
      for (int j = 0; j < out; j++) {
        gradients[b + j] += delta[j];
      }
      // An inactive ReLU input passes no gradient back, so its dot product is skipped; the
      // result is the same zero the derivative would give.
      boolean reluBelow = l > 1 && layers.get(l - 2).activation() == Activation.RELU;
      double[] belowPreActivations = preActivations[l - 1];
      for (int i = 0; i < in; i++) {
        int row = w + i * out;
        double ai = previous[i];
        if (ai != 0) {
          for (int j = 0; j < out; j++) {
            gradients[row + j] += ai * delta[j];
          }
        }
        if (l > 1) {
          previousDelta[i] = reluBelow && belowPreActivations[i] <= 0 ? 0 : dot(row, delta, out);
        }
      }
    }
  }

  private static void activate(Activation activation, double[] z, double[] into, int count) {
    switch (activation) {
      case RELU -> {
        for (int j = 0; j < count; j++) {
          into[j] = z[j] > 0 ? z[j] : 0;
        }
      }
      case TANH -> {
        for (int j = 0; j < count; j++) {
          into[j] = StrictMath.tanh(z[j]);
        }
      }
      case LINEAR -> System.arraycopy(z, 0, into, 0, count);
    }
  }

  /**
   * Dot product of {@code count} weights from {@code offset} with {@code vector}. Four running sums
   * break the dependency chain of one sum (about 3x faster); their fixed order keeps the result
   * identical on every run.
   */
  private double dot(int offset, double[] vector, int count) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 3 < count; j += 4) {
      s0 += parameters[offset + j] * vector[j];
      s1 += parameters[offset + j + 1] * vector[j + 1];
      s2 += parameters[offset + j + 2] * vector[j + 2];
      s3 += parameters[offset + j + 3] * vector[j + 3];
    }
    for (; j < count; j++) {
      s0 += parameters[offset + j] * vector[j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  void zeroGradients() {
    Arrays.fill(gradients, 0);
  }

  /** Rescales the gradients so that their global L2 norm is at most {@code maxNorm}. */
  void clipGradients(double maxNorm) {
    double squares = 0;
    for (double g : gradients) {
      squares += g * g;
    }
    double norm = Math.sqrt(squares);
    if (norm > maxNorm) {
      double scale = maxNorm / norm;
      for (int i = 0; i < gradients.length; i++) {
        gradients[i] *= scale;
      }
    }
  }
}
