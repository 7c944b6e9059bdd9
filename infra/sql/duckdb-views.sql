-- DuckDB views over the lake, one per dataset (docs/lake.md describes every column).
-- Paths are relative to the lake's root: cd LAKE && duckdb -init infra/sql/duckdb-views.sql
-- Globs name only visible part files (part-*.parquet): names starting with _ or . are writes in progress.
-- Partition folders are read as text (hive_types), so 2026-01 stays a YYYY-MM month.

CREATE OR REPLACE VIEW vacancies AS
SELECT period, partner, role, staff_group, site, establishment_fte, staff_in_post_fte, staff_in_post_headcount,
    vacancies_fte, vacancies_advertised, applications, starters, leavers, agency_fte, bank_fte,
    source_row, source_sha256, uploaded_at
FROM read_parquet('curated/vacancies/period=*/partner=*/part-*.parquet',
    hive_partitioning = true, hive_types = {'period': VARCHAR, 'partner': VARCHAR});

CREATE OR REPLACE VIEW exits AS
SELECT period, partner, leaver_id, leave_date, role, staff_group, start_date, length_of_service_months,
    reason, destination, would_recommend, would_return, age_band, source_row, source_sha256, uploaded_at
FROM read_parquet('curated/exits/period=*/partner=*/part-*.parquet',
    hive_partitioning = true, hive_types = {'period': VARCHAR, 'partner': VARCHAR});

CREATE OR REPLACE VIEW lmi_claimants AS
SELECT period, feed, geography_code, geography_name, claimants, fetched_at
FROM read_parquet('curated/lmi_claimants/period=*/feed=*/part-*.parquet',
    hive_partitioning = true, hive_types = {'period': VARCHAR, 'feed': VARCHAR});

CREATE OR REPLACE VIEW lmi_postings AS
SELECT period, feed, posting_id, posted_date, title, role, location, salary_min, salary_max, employer, fetched_at
FROM read_parquet('curated/lmi_postings/period=*/feed=*/part-*.parquet',
    hive_partitioning = true, hive_types = {'period': VARCHAR, 'feed': VARCHAR});

CREATE OR REPLACE VIEW lmi_nhs_vacancies AS
SELECT period, feed, region, staff_group, vacancies_fte, vacancy_rate, fetched_at
FROM read_parquet('curated/lmi_nhs_vacancies/period=*/feed=*/part-*.parquet',
    hive_partitioning = true, hive_types = {'period': VARCHAR, 'feed': VARCHAR});

-- The indicators files hold period as a column too; the folder is not read.
CREATE OR REPLACE VIEW indicators AS
SELECT indicator, period, scope_type, scope, value, numerator, denominator, suppressed, partners_reporting, computed_at
FROM read_parquet('indicators/period=*/indicators.parquet', hive_partitioning = false);
