package dev.archlab.id;

import dev.archlab.testsupport.IntegrationServers;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.lifecycle.SkipExecutionHook.SkipResult;
import org.opentest4j.TestAbortedException;

/**
 * Skips a jqwik container outside CI when PostgreSQL is not configured. Without it, every try would
 * abort on its own and jqwik would report the property as exhausted instead of skipped. Under
 * {@code CI=true} a missing server still fails: {@link IntegrationServers#postgres()} throws an
 * {@link AssertionError} there, which this hook lets through.
 */
public final class RequiresPostgres implements SkipExecutionHook {
  @Override
  public SkipResult shouldBeSkipped(LifecycleContext context) {
    try {
      IntegrationServers.postgres();
      return SkipResult.doNotSkip();
    } catch (TestAbortedException e) {
      return SkipResult.skip(e.getMessage());
    }
  }
}
