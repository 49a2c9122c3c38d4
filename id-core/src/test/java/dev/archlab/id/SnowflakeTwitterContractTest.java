package dev.archlab.id;

class SnowflakeTwitterContractTest extends SnowflakeContract {
  @Override
  SnowflakeLayout layout() {
    return SnowflakeLayout.twitter();
  }
}
