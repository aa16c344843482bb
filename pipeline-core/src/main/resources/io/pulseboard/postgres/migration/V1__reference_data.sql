-- Reference data of Pulseboard's live metrics (docs/reference-data.md). Amounts and targets are in
-- the reporting currency; exchange rates convert a sale's currency into it, by the sale's time.

CREATE TABLE regions (
    region_id       text PRIMARY KEY CHECK (region_id <> ''),
    name            text NOT NULL,
    currency        char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    target_per_hour numeric(16, 2) NOT NULL CHECK (target_per_hour >= 0),
    target_per_day  numeric(18, 2) NOT NULL CHECK (target_per_day >= 0),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
    product_id text PRIMARY KEY CHECK (product_id <> ''),
    name       text NOT NULL,
    category   text NOT NULL CHECK (category <> ''),
    list_price numeric(14, 2) NOT NULL CHECK (list_price >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE customer_segments (
    segment_id text PRIMARY KEY CHECK (segment_id <> ''),
    name       text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE exchange_rates (
    base_currency  char(3) NOT NULL CHECK (base_currency ~ '^[A-Z]{3}$'),
    quote_currency char(3) NOT NULL CHECK (quote_currency ~ '^[A-Z]{3}$'),
    valid_from     timestamptz NOT NULL,
    rate           numeric(24, 10) NOT NULL CHECK (rate > 0),
    PRIMARY KEY (base_currency, quote_currency, valid_from),
    CHECK (base_currency <> quote_currency)
);

-- Wakes the reference publisher at once after any change (it also re-reads on a timer).
CREATE FUNCTION pulseboard_reference_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('pulseboard_reference', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE TRIGGER regions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON regions
    FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_reference_changed();
CREATE TRIGGER products_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON products
    FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_reference_changed();
CREATE TRIGGER customer_segments_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON customer_segments
    FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_reference_changed();
CREATE TRIGGER exchange_rates_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON exchange_rates
    FOR EACH STATEMENT EXECUTE FUNCTION pulseboard_reference_changed();
