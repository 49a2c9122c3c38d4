package dev.archlab.examples.lab;

/**
 * One experiment of {@code archlab lab}: it measures something and writes its findings into a
 * report section. Experiments register in {@link Experiments#all()}.
 */
public interface Experiment {

  /** Short id used on the command line, such as {@code id} or {@code cache}. */
  String id();

  /** Section title in the report. */
  String title();

  /**
   * Runs the experiment.
   *
   * @param context where to find data, how big to run, how to show progress
   * @param section where to write paragraphs, tables, charts and summary rows
   */
  void run(LabContext context, Section section) throws Exception;
}
