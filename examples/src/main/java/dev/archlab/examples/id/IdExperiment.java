package dev.archlab.examples.id;

import dev.archlab.examples.lab.Experiment;
import dev.archlab.examples.lab.LabContext;
import dev.archlab.examples.lab.Section;

/** Placeholder replaced under issue 2. */
public final class IdExperiment implements Experiment {
  @Override
  public String id() {
    return "id";
  }

  @Override
  public String title() {
    return "Distributed id generation";
  }

  @Override
  public void run(LabContext context, Section section) {
    section.paragraph("placeholder");
  }
}
