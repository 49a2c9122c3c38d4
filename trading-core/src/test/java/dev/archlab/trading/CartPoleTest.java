package dev.archlab.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class CartPoleTest {

  @Property(tries = 2_000)
  void sinAndCos_matchStrictMathWithinAnUlp(@ForAll @DoubleRange(min = -1, max = 1) double x) {
    assertEquals(StrictMath.sin(x), CartPole.sin(x), Math.ulp(StrictMath.sin(x)) * 1.01);
    assertEquals(StrictMath.cos(x), CartPole.cos(x), Math.ulp(1.0) * 1.01);
  }

  @Test
  void pushingOneWay_tipsThePoleWithinAFewDozenSteps_andTerminates() {
    Environment cartPole = Environments.cartPole(1);
    double[] observation = new double[4];
    cartPole.reset(observation);
    int steps = 0;
    double total = 0;
    while (!cartPole.done()) {
      total += cartPole.step(1, observation);
      steps++;
    }

    assertTrue(cartPole.terminated() && !cartPole.truncated());
    assertTrue(steps > 5 && steps < 60, "steps " + steps);
    assertEquals(steps, total);
    assertTrue(Math.abs(observation[2]) > 12 * Math.PI / 180 || Math.abs(observation[0]) > 2.4);
    assertThrows(IllegalStateException.class, () -> cartPole.step(0, observation));
  }

  @Test
  void aBalancingController_isTruncatedAt500Steps() {
    Environment cartPole = Environments.cartPole(2);
    double[] observation = new double[4];
    cartPole.reset(observation);
    int steps = 0;
    while (!cartPole.done()) {
      // A classic hand-tuned linear controller on angle, angular velocity and position.
      double push =
          10 * observation[2] + 2 * observation[3] + 0.1 * observation[0] + 0.5 * observation[1];
      cartPole.step(push > 0 ? 1 : 0, observation);
      steps++;
    }

    assertEquals(Environments.cartPoleMaxSteps(), steps);
    assertTrue(cartPole.truncated() && !cartPole.terminated());
  }
}
