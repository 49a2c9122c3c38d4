package dev.archlab.examples.id;

import picocli.CommandLine.Command;

/** {@code archlab id}: the id-generation experiment alone, with options. */
@Command(name = "id", mixinStandardHelpOptions = true, description = "Id generation experiment.")
public final class IdCommand implements Runnable {
  @Override
  public void run() {
    throw new UnsupportedOperationException("being built under issue 2");
  }
}
