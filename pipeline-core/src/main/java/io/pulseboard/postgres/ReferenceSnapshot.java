package io.pulseboard.postgres;

import io.pulseboard.alert.AlertRule;
import io.pulseboard.reference.ExchangeRateHistory;
import io.pulseboard.reference.ProductInfo;
import io.pulseboard.reference.RegionInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference data as one consistent state: every table read in one repeatable-read, read-only
 * transaction, so a change that touches two tables is seen whole or not at all.
 *
 * @param exchangeRates the rates by pair key ({@link ExchangeRateHistory#key}), sorted by key
 * @param products the products by id, sorted
 * @param regions the regions by id, sorted
 * @param alertRules the alert rules by id (a rule without a re-arm level re-arms at its threshold)
 */
public record ReferenceSnapshot(
        Map<String, ExchangeRateHistory> exchangeRates,
        Map<String, ProductInfo> products,
        Map<String, RegionInfo> regions,
        Map<String, AlertRule> alertRules) {

    public ReferenceSnapshot {
        exchangeRates = Map.copyOf(exchangeRates);
        products = Map.copyOf(products);
        regions = Map.copyOf(regions);
        alertRules = Map.copyOf(alertRules);
    }

    /**
     * Reads the snapshot.
     *
     * @param connection an open connection to a migrated database; its auto-commit and isolation are
     *     restored afterwards
     * @throws SQLException if a query fails
     */
    public static ReferenceSnapshot read(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        boolean readOnly = connection.isReadOnly();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try (Statement query = connection.createStatement()) {
            Map<String, List<ExchangeRateHistory.Rate>> rates = new TreeMap<>();
            Map<String, String[]> pairs = new LinkedHashMap<>();
            try (ResultSet rows = query.executeQuery("SELECT base_currency, quote_currency, valid_from, rate"
                    + " FROM exchange_rates ORDER BY base_currency, quote_currency, valid_from")) {
                while (rows.next()) {
                    String base = rows.getString(1).strip();
                    String quote = rows.getString(2).strip();
                    String key = ExchangeRateHistory.key(base, quote);
                    pairs.putIfAbsent(key, new String[] {base, quote});
                    rates.computeIfAbsent(key, k -> new ArrayList<>())
                            .add(new ExchangeRateHistory.Rate(
                                    rows.getTimestamp(3).toInstant(),
                                    rows.getBigDecimal(4).stripTrailingZeros()));
                }
            }
            Map<String, ExchangeRateHistory> histories = new TreeMap<>();
            rates.forEach((key, list) -> {
                String[] pair = pairs.get(key);
                histories.put(key, new ExchangeRateHistory(pair[0], pair[1], list));
            });
            Map<String, ProductInfo> products = new TreeMap<>();
            try (ResultSet rows = query.executeQuery("SELECT product_id, name, category, list_price FROM products")) {
                while (rows.next()) {
                    products.put(
                            rows.getString(1),
                            new ProductInfo(
                                    rows.getString(1), rows.getString(2), rows.getString(3), rows.getBigDecimal(4)));
                }
            }
            Map<String, RegionInfo> regions = new TreeMap<>();
            try (ResultSet rows = query.executeQuery(
                    "SELECT region_id, name, currency, target_per_hour, target_per_day FROM regions")) {
                while (rows.next()) {
                    regions.put(
                            rows.getString(1),
                            new RegionInfo(
                                    rows.getString(1),
                                    rows.getString(2),
                                    rows.getString(3).strip(),
                                    rows.getBigDecimal(4),
                                    rows.getBigDecimal(5)));
                }
            }
            Map<String, AlertRule> alertRules = new TreeMap<>();
            try (ResultSet rows = query.executeQuery("SELECT rule_id, name, metric, scope, condition, threshold,"
                    + " coalesce(rearm, threshold), for_windows, severity, enabled FROM alert_rules")) {
                while (rows.next()) {
                    alertRules.put(
                            rows.getString(1),
                            new AlertRule(
                                    rows.getString(1),
                                    rows.getString(2),
                                    AlertRule.Metric.valueOf(rows.getString(3)),
                                    rows.getString(4),
                                    AlertRule.Condition.valueOf(rows.getString(5)),
                                    rows.getBigDecimal(6),
                                    rows.getBigDecimal(7),
                                    rows.getInt(8),
                                    AlertRule.Severity.valueOf(rows.getString(9)),
                                    rows.getBoolean(10)));
                }
            }
            connection.commit();
            return new ReferenceSnapshot(histories, products, regions, alertRules);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setReadOnly(readOnly);
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }
}
