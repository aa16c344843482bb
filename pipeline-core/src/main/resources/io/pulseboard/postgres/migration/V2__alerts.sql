-- Alert rules and the alert log (docs/adr/0020). Rules are reference data: the same NOTIFY and
-- publisher stream them into the compacted topic reference-alert-rules. The log is written from the
-- alerts topic, idempotently by alert_id (one row per episode: firing, then resolved).

CREATE TABLE alert_rules (
    rule_id     text PRIMARY KEY CHECK (rule_id <> '' AND rule_id !~ '[|]'),
    name        text NOT NULL,
    metric      text NOT NULL CHECK (metric IN ('REGION_REVENUE', 'REGION_ORDERS', 'REGION_UNITS')),
    scope       text NOT NULL DEFAULT '*' CHECK (scope <> '' AND scope !~ '[|]'),
    condition   text NOT NULL CHECK (condition IN ('ABOVE', 'BELOW')),
    threshold   numeric(18, 2) NOT NULL,
    rearm       numeric(18, 2),
    for_windows integer NOT NULL DEFAULT 1 CHECK (for_windows BETWEEN 1 AND 60),
    severity    text NOT NULL DEFAULT 'WARNING' CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    enabled     boolean NOT NULL DEFAULT true,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (rearm IS NULL
        OR (condition = 'ABOVE' AND rearm <= threshold)
        OR (condition = 'BELOW' AND rearm >= threshold))
);

CREATE TRIGGER alert_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON alert_rules
    FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_reference_changed();

CREATE TABLE alert_log (
    alert_id        text PRIMARY KEY,
    rule_id         text NOT NULL,
    rule_name       text NOT NULL,
    region          text NOT NULL,
    severity        text,
    state           text NOT NULL CHECK (state IN ('FIRING', 'ACKNOWLEDGED', 'RESOLVED')),
    message         text NOT NULL,
    fired_at        timestamptz NOT NULL,
    fired_value     numeric(18, 2) NOT NULL,
    threshold       numeric(18, 2),
    resolved_at     timestamptz,
    resolved_value  numeric(18, 2),
    acknowledged_by text,
    acknowledged_at timestamptz,
    note            text
);

CREATE INDEX alert_log_open ON alert_log (state, fired_at DESC);
