package dev.archlab.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A table {@code (k VARCHAR PRIMARY KEY, v VARCHAR)} as the source of truth, on H2 or PostgreSQL.
 * Upserts use {@code INSERT ... ON CONFLICT} on PostgreSQL and {@code MERGE} on H2.
 */
final class JdbcBackingStore<K, V> implements BackingStore<K, V> {
  private static final int MAX_KEY_CHARS = 1024;
  private static final int MAX_VALUE_CHARS = 1_000_000;
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,40}");

  final DataSource dataSource;
  final String table;
  final Codec<K> keys;
  final Codec<V> values;
  private final String upsertSql;
  private final boolean postgres;

  JdbcBackingStore(DataSource dataSource, String table, Codec<K> keys, Codec<V> values) {
    this.dataSource = dataSource;
    this.table = checkTableName(table);
    this.keys = keys;
    this.values = values;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS "
              + table
              + " (k VARCHAR(1024) PRIMARY KEY, v VARCHAR(1000000) NOT NULL)");
      String product = connection.getMetaData().getDatabaseProductName();
      postgres = product.toLowerCase(Locale.ROOT).contains("postgres");
      upsertSql =
          postgres
              ? "INSERT INTO "
                  + table
                  + " (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v"
              : "MERGE INTO " + table + " (k, v) KEY (k) VALUES (?, ?)";
    } catch (SQLException e) {
      throw new CacheException("cannot create or inspect store table " + table, e);
    }
  }

  static String checkTableName(String table) {
    if (!TABLE_NAME.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "table name must be a plain SQL identifier of at most 41 characters"
              + " ([A-Za-z_][A-Za-z0-9_]*), got '"
              + table
              + "'");
    }
    return table;
  }

  /** The key's text: it must fit its column and, on PostgreSQL (UTF-8), be well-formed. */
  String keyText(K key) {
    String text = fitting("key", MAX_KEY_CHARS, keys.encode(key), key);
    return postgres ? WellFormedText.require("key '" + key + "'", text, "PostgreSQL") : text;
  }

  /** The value's text: it must fit its column and, on PostgreSQL (UTF-8), be well-formed. */
  String valueText(K key, V value) {
    String text = fitting("value", MAX_VALUE_CHARS, values.encode(value), key);
    return postgres
        ? WellFormedText.require("value of key '" + key + "'", text, "PostgreSQL")
        : text;
  }

  private String fitting(String what, int maxChars, String text, K key) {
    if (text.length() > maxChars && text.codePointCount(0, text.length()) > maxChars) {
      String subject = what.equals("key") ? "key '" : "value of key '";
      throw new IllegalArgumentException(
          subject
              + abbreviated(key)
              + "' encodes to "
              + text.codePointCount(0, text.length())
              + " characters; column "
              + table
              + "."
              + (what.equals("key") ? "k" : "v")
              + " holds at most "
              + maxChars);
    }
    return text;
  }

  private static String abbreviated(Object key) {
    String text = String.valueOf(key);
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }

  @Override
  public void checkStorable(K key, V value) {
    keyText(key);
    valueText(key, value);
  }

  @Override
  public Optional<V> load(K key) {
    String keyText = keyText(key);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT v FROM " + table + " WHERE k = ?")) {
      select.setString(1, keyText);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(values.decode(row.getString(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new CacheException("loading key " + key + " from table " + table + " failed", e);
    }
  }

  @Override
  public void store(K key, V value) {
    storeAll(Map.of(key, value));
  }

  @Override
  public void storeAll(Map<K, V> batch) {
    // Bad text is rejected before a transaction starts.
    batch.keySet().forEach(this::keyText);
    batch.forEach(this::valueText);
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        upsert(connection, batch);
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new CacheException(
          "storing " + batch.size() + " value(s) into table " + table + " failed", e);
    }
  }

  /** Upserts in the caller's transaction, for the durable write-behind queue. */
  void upsert(Connection connection, Map<K, V> batch) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(upsertSql)) {
      for (Map.Entry<K, V> entry : batch.entrySet()) {
        upsert.setString(1, keyText(entry.getKey()));
        upsert.setString(2, valueText(entry.getKey(), entry.getValue()));
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }
}
