package dev.archlab.trading;

/*
 * Adam (Kingma and Ba, 2015, algorithm 1) over one flat parameter array, with the bias
 * corrections folded into the step size as in the paper's section 2 remark. The powers beta^t are
 * kept as running products: StrictMath.pow allocates on recent JDKs, and this runs every step.
 */
final class AdamOptimizer {
  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double[] firstMoment;
  private final double[] secondMoment;
  private double beta1Power = 1;
  private double beta2Power = 1;

  AdamOptimizer(int size, double learningRate) {
    this(size, learningRate, 0.9, 0.999, 1e-8);
  }

  AdamOptimizer(int size, double learningRate, double beta1, double beta2, double epsilon) {
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
    }
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.firstMoment = new double[size];
    this.secondMoment = new double[size];
  }

  /** Moves {@code parameters} against {@code gradients}. */
  void step(double[] parameters, double[] gradients) {
    beta1Power *= beta1;
    beta2Power *= beta2;
    double correction1 = 1 - beta1Power;
    double correction2 = 1 - beta2Power;
    double stepSize = learningRate * Math.sqrt(correction2) / correction1;
    double epsilonHat = epsilon * Math.sqrt(correction2);
    for (int i = 0; i < parameters.length; i++) {
      double g = gradients[i];
      double m = beta1 * firstMoment[i] + (1 - beta1) * g;
      double v = beta2 * secondMoment[i] + (1 - beta2) * g * g;
      firstMoment[i] = m;
      secondMoment[i] = v;
      parameters[i] -= stepSize * m / (Math.sqrt(v) + epsilonHat);
    }
  }
}
