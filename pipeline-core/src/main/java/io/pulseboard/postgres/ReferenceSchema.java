package io.pulseboard.postgres;

import io.pulseboard.alert.AlertRule;
import io.pulseboard.reference.DemoCatalogue;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Pulseboard's tables in PostgreSQL, managed by Flyway migrations ({@code
 * io/pulseboard/postgres/migration} on the class path; their history in {@code
 * flyway_schema_history}), and the local demo's seed data.
 */
public final class ReferenceSchema {
    /** Where the migrations lie on the class path. */
    public static final String MIGRATIONS = "classpath:io/pulseboard/postgres/migration";

    private ReferenceSchema() {}

    /**
     * Applies the migrations that the database has not had yet.
     *
     * @param connection where to connect; never null
     * @return Flyway's account of what it applied; never null
     * @throws org.flywaydb.core.api.FlywayException if a migration fails (the database is left at the
     *     last migration that succeeded) or the database holds a newer schema than this version knows
     */
    public static MigrateResult migrate(PostgresConnection connection) {
        return Flyway.configure()
                .dataSource(connection.jdbcUrl(), connection.user(), connection.password())
                .locations(MIGRATIONS)
                .load()
                .migrate();
    }

    /**
     * Fills empty tables with the demo catalogue; tables that hold rows are left as they are, so an
     * analyst's edits survive a restart.
     *
     * @param connection an open connection to a migrated database; never null
     * @param catalogue what to insert; never null
     * @return how many rows were inserted
     * @throws SQLException if an insert fails (nothing is inserted then)
     */
    public static int seedDemo(Connection connection, DemoCatalogue catalogue) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            int inserted = 0;
            if (isEmpty(connection, "regions")) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO regions"
                        + " (region_id, name, currency, target_per_hour, target_per_day) VALUES (?, ?, ?, ?, ?)")) {
                    for (DemoCatalogue.Region r : catalogue.regions()) {
                        insert.setString(1, r.regionId());
                        insert.setString(2, r.name());
                        insert.setString(3, r.currency());
                        insert.setBigDecimal(4, r.targetPerHour());
                        insert.setBigDecimal(5, r.targetPerDay());
                        inserted += insert.executeUpdate();
                    }
                }
            }
            if (isEmpty(connection, "products")) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO products (product_id, name, category, list_price) VALUES (?, ?, ?, ?)")) {
                    for (DemoCatalogue.Product p : catalogue.products()) {
                        insert.setString(1, p.productId());
                        insert.setString(2, p.name());
                        insert.setString(3, p.category());
                        insert.setBigDecimal(4, p.listPrice());
                        inserted += insert.executeUpdate();
                    }
                }
            }
            if (isEmpty(connection, "customer_segments")) {
                try (PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO customer_segments (segment_id, name) VALUES (?, ?)")) {
                    for (DemoCatalogue.Segment s : catalogue.segments()) {
                        insert.setString(1, s.segmentId());
                        insert.setString(2, s.name());
                        inserted += insert.executeUpdate();
                    }
                }
            }
            if (isEmpty(connection, "exchange_rates")) {
                for (DemoCatalogue.Rate rate : catalogue.exchangeRates()) {
                    inserted += insertRate(connection, rate.base(), rate.quote(), rate.validFrom(), rate.rate());
                }
            }
            if (isEmpty(connection, "alert_rules")) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alert_rules (rule_id, name,"
                        + " metric, scope, condition, threshold, rearm, for_windows, severity, enabled)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (AlertRule rule : catalogue.alertRules()) {
                        insert.setString(1, rule.ruleId());
                        insert.setString(2, rule.name());
                        insert.setString(3, rule.metric().name());
                        insert.setString(4, rule.scope());
                        insert.setString(5, rule.condition().name());
                        insert.setBigDecimal(6, rule.threshold());
                        insert.setBigDecimal(7, rule.rearm());
                        insert.setInt(8, rule.forWindows());
                        insert.setString(9, rule.severity().name());
                        insert.setBoolean(10, rule.enabled());
                        inserted += insert.executeUpdate();
                    }
                }
            }
            connection.commit();
            return inserted;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Inserts one exchange rate, or replaces the rate of that pair valid from that instant.
     *
     * @return 1
     * @throws SQLException if the row breaks a constraint (e.g. a rate that is not positive)
     */
    public static int insertRate(
            Connection connection, String base, String quote, java.time.Instant validFrom, BigDecimal rate)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO exchange_rates (base_currency, quote_currency, valid_from, rate) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (base_currency, quote_currency, valid_from) DO UPDATE SET rate = EXCLUDED.rate")) {
            upsert.setString(1, base);
            upsert.setString(2, quote);
            upsert.setTimestamp(3, Timestamp.from(validFrom));
            upsert.setBigDecimal(4, rate);
            return upsert.executeUpdate();
        }
    }

    /**
     * Sets a region's revenue targets; the live metrics follow through the change stream.
     *
     * @return whether the region exists (false: nothing changed)
     * @throws SQLException if a target is negative (a constraint) or the update fails
     */
    public static boolean updateRegionTargets(
            Connection connection, String regionId, BigDecimal perHour, BigDecimal perDay) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE regions SET target_per_hour = ?,"
                + " target_per_day = ?, updated_at = now() WHERE region_id = ?")) {
            update.setBigDecimal(1, perHour);
            update.setBigDecimal(2, perDay);
            update.setString(3, regionId);
            return update.executeUpdate() == 1;
        }
    }

    private static boolean isEmpty(Connection connection, String table) throws SQLException {
        try (Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
            rows.next();
            return !rows.getBoolean(1);
        }
    }
}
