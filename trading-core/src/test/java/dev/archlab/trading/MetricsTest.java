package dev.archlab.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void of_handWorkedCurve_givesTheTextbookNumbers() {
    // Returns +10%, -20%, +25%: equity 1 -> 1.1 -> 0.88 -> 1.1, two periods per "year".
    double[] equity = {1, 1.1, 0.88, 1.1};
    double[] positions = {1, 1, 0};

    Metrics m = Metrics.of(equity, positions, 0, 2);

    assertEquals(0.1, m.totalReturn(), 1e-12);
    assertEquals(Math.pow(1.1, 2 / 3.0) - 1, m.cagr(), 1e-12);
    assertEquals(0.2, m.maxDrawdown(), 1e-12);
    double mean = (0.1 - 0.2 + 0.25) / 3;
    double sd =
        Math.sqrt(
            (Math.pow(0.1 - mean, 2) + Math.pow(-0.2 - mean, 2) + Math.pow(0.25 - mean, 2)) / 2);
    assertEquals(sd * Math.sqrt(2), m.annualVolatility(), 1e-12);
    assertEquals(mean / sd * Math.sqrt(2), m.sharpe(), 1e-12);
    assertEquals(mean / Math.sqrt(0.04 / 3) * Math.sqrt(2), m.sortino(), 1e-12);
    assertEquals(2 / 1.5, m.turnover(), 1e-12);
    assertEquals(2 / 3.0, m.exposure(), 1e-12);
    assertEquals(0.5, m.hitRate(), 1e-12);
  }

  @Test
  void of_neverInvestedCurve_hasNaNRatiosInsteadOfDivisionByZero() {
    Metrics m = Metrics.of(new double[] {1, 1, 1}, new double[] {0, 0}, 0, 252);

    assertEquals(0, m.totalReturn());
    assertEquals(0, m.maxDrawdown());
    assertTrue(Double.isNaN(m.sharpe()));
    assertTrue(Double.isNaN(m.sortino()));
    assertTrue(Double.isNaN(m.calmar()));
    assertTrue(Double.isNaN(m.hitRate()));
  }

  @Test
  void of_badShapes_areRejectedWithTheCounts() {
    assertEquals(
        "need one position per period (2), got 1",
        assertThrows(
                IllegalArgumentException.class,
                () -> Metrics.of(new double[] {1, 2, 3}, new double[] {1}, 0, 252))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> Metrics.of(new double[] {1, 2}, new double[1], 0, 1));
  }

  @Test
  void estimate_ofTenValues_usesStudentT() {
    Estimate e = Estimate.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

    assertEquals(5.5, e.mean(), 1e-12);
    // s = sqrt(82.5 / 9), t(0.975, 9) = 2.262
    assertEquals(2.262 * Math.sqrt(82.5 / 9 / 10), e.halfWidth(), 1e-12);
    assertEquals("5.50 ± 2.17", e.format(2));
  }
}
