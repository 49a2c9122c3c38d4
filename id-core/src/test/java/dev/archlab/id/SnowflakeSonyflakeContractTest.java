package dev.archlab.id;

class SnowflakeSonyflakeContractTest extends SnowflakeContract {
  @Override
  SnowflakeLayout layout() {
    return SnowflakeLayout.sonyflake();
  }
}
