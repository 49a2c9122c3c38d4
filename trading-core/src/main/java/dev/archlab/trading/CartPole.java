package dev.archlab.trading;

import java.util.SplittableRandom;

/*
 * The classic cart-pole balancing task (Barto, Sutton and Anderson, 1983) with the constants and
 * explicit Euler integration used by the Gymnasium CartPole-v1 environment: reward 1 per step,
 * termination when the pole leans more than 12 degrees or the cart leaves +-2.4, truncation after
 * 500 steps. It exists to prove that the agents learn before they are trusted with prices.
 * Sine and cosine come from fixed polynomials below rather than Math (whose result may differ
 * by an ulp between CPUs and JIT intrinsics) or StrictMath (which allocates on recent JDKs), so
 * trajectories are bit-identical everywhere and the step allocates nothing.
 */
final class CartPole implements Environment {
  static final int MAX_STEPS = 500;
  private static final double GRAVITY = 9.8;
  private static final double CART_MASS = 1.0;
  private static final double POLE_MASS = 0.1;
  private static final double TOTAL_MASS = CART_MASS + POLE_MASS;
  private static final double HALF_POLE_LENGTH = 0.5;
  private static final double POLE_MASS_LENGTH = POLE_MASS * HALF_POLE_LENGTH;
  private static final double FORCE = 10.0;
  private static final double TAU = 0.02;
  private static final double ANGLE_LIMIT = 12 * 2 * Math.PI / 360;
  private static final double POSITION_LIMIT = 2.4;

  private final SplittableRandom random;
  private double x;
  private double velocity;
  private double angle;
  private double angularVelocity;
  private int steps;
  private boolean terminated;
  private boolean truncated;
  private boolean started;

  CartPole(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public int observationSize() {
    return 4;
  }

  @Override
  public int actionCount() {
    return 2;
  }

  @Override
  public void reset(double[] observation) {
    x = random.nextDouble(-0.05, 0.05);
    velocity = random.nextDouble(-0.05, 0.05);
    angle = random.nextDouble(-0.05, 0.05);
    angularVelocity = random.nextDouble(-0.05, 0.05);
    steps = 0;
    terminated = false;
    truncated = false;
    started = true;
    write(observation);
  }

  @Override
  public double step(int action, double[] nextObservation) {
    if (!started || terminated || truncated) {
      throw new IllegalStateException("cart-pole episode has ended; call reset first");
    }
    if (action != 0 && action != 1) {
      throw new IllegalArgumentException("cart-pole action must be 0 or 1, got " + action);
    }
    double force = action == 1 ? FORCE : -FORCE;
    double cos = cos(angle);
    double sin = sin(angle);
    double temp = (force + POLE_MASS_LENGTH * angularVelocity * angularVelocity * sin) / TOTAL_MASS;
    double angularAcceleration =
        (GRAVITY * sin - cos * temp)
            / (HALF_POLE_LENGTH * (4.0 / 3.0 - POLE_MASS * cos * cos / TOTAL_MASS));
    double acceleration = temp - POLE_MASS_LENGTH * angularAcceleration * cos / TOTAL_MASS;
    x += TAU * velocity;
    velocity += TAU * acceleration;
    angle += TAU * angularVelocity;
    angularVelocity += TAU * angularAcceleration;
    steps++;
    terminated =
        x < -POSITION_LIMIT || x > POSITION_LIMIT || angle < -ANGLE_LIMIT || angle > ANGLE_LIMIT;
    truncated = !terminated && steps >= MAX_STEPS;
    write(nextObservation);
    return 1.0;
  }

  /**
   * sin(x) by its Taylor series to x^19, exact to double precision for |x| <= 0.5: while the
   * episode runs the angle stays within 12 degrees (0.21 rad). Larger angles fall back to
   * StrictMath.
   */
  static double sin(double x) {
    if (Math.abs(x) > 0.5) {
      return StrictMath.sin(x);
    }
    double x2 = x * x;
    double sum = 1;
    for (int n = 19; n >= 3; n -= 2) {
      sum = 1 - x2 / (n * (n - 1)) * sum;
    }
    return x * sum;
  }

  /** cos(x) by its Taylor series to x^20, as {@link #sin}. */
  static double cos(double x) {
    if (Math.abs(x) > 0.5) {
      return StrictMath.cos(x);
    }
    double x2 = x * x;
    double sum = 1;
    for (int n = 20; n >= 2; n -= 2) {
      sum = 1 - x2 / (n * (n - 1)) * sum;
    }
    return sum;
  }

  private void write(double[] observation) {
    observation[0] = x;
    observation[1] = velocity;
    observation[2] = angle;
    observation[3] = angularVelocity;
  }

  @Override
  public boolean terminated() {
    return terminated;
  }

  @Override
  public boolean truncated() {
    return truncated;
  }
}
