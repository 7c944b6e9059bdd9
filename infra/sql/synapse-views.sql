-- Synapse serverless SQL views over the lake: the same views, columns and order as
-- infra/sql/duckdb-views.sql (docs/lake.md describes every column).
-- Deploy with sqlcmd as docs/deploy.md "BI views in Synapse" says; $(LakeAccount) is the lake's
-- storage account name. Safe to run again: every statement creates or replaces.
-- No credential is stored: queries read the lake as the signed-in Entra ID user (passthrough),
-- who needs Storage Blob Data Reader on the curated and indicators containers (the BI readers group).
-- Containers are the lake's zones, so a path is {zone}/{rest} exactly as in a local lake.
-- Globs name only visible part files (part-*.parquet): names starting with _ or . are writes in progress.

IF DB_ID('workforce_lake') IS NULL
    CREATE DATABASE workforce_lake COLLATE Latin1_General_100_BIN2_UTF8;
GO

USE workforce_lake;
GO

IF NOT EXISTS (SELECT * FROM sys.external_data_sources WHERE name = 'lake')
    CREATE EXTERNAL DATA SOURCE lake WITH (LOCATION = 'https://$(LakeAccount).dfs.core.windows.net');
GO

CREATE OR ALTER VIEW dbo.vacancies AS
SELECT CAST(r.filepath(1) AS varchar(7)) AS period, CAST(r.filepath(2) AS varchar(40)) AS partner,
    role, staff_group, site, establishment_fte, staff_in_post_fte, staff_in_post_headcount,
    vacancies_fte, vacancies_advertised, applications, starters, leavers, agency_fte, bank_fte,
    source_row, source_sha256, uploaded_at
FROM OPENROWSET(BULK 'curated/vacancies/period=*/partner=*/part-*.parquet', DATA_SOURCE = 'lake', FORMAT = 'PARQUET')
WITH (
    role varchar(64), staff_group varchar(64), site varchar(400), establishment_fte float, staff_in_post_fte float,
    staff_in_post_headcount int, vacancies_fte float, vacancies_advertised int, applications int, starters int,
    leavers int, agency_fte float, bank_fte float, source_row int, source_sha256 varchar(64), uploaded_at datetime2(3)
) AS r;
GO

CREATE OR ALTER VIEW dbo.exits AS
SELECT CAST(r.filepath(1) AS varchar(7)) AS period, CAST(r.filepath(2) AS varchar(40)) AS partner,
    leaver_id, leave_date, role, staff_group, start_date, length_of_service_months,
    reason, destination, would_recommend, would_return, age_band, source_row, source_sha256, uploaded_at
FROM OPENROWSET(BULK 'curated/exits/period=*/partner=*/part-*.parquet', DATA_SOURCE = 'lake', FORMAT = 'PARQUET')
WITH (
    leaver_id varchar(64), leave_date date, role varchar(64), staff_group varchar(64), start_date date,
    length_of_service_months int, reason varchar(64), destination varchar(64), would_recommend bit, would_return bit,
    age_band varchar(8), source_row int, source_sha256 varchar(64), uploaded_at datetime2(3)
) AS r;
GO

CREATE OR ALTER VIEW dbo.lmi_claimants AS
SELECT CAST(r.filepath(1) AS varchar(7)) AS period, CAST(r.filepath(2) AS varchar(40)) AS feed,
    geography_code, geography_name, claimants, fetched_at
FROM OPENROWSET(BULK 'curated/lmi_claimants/period=*/feed=*/part-*.parquet', DATA_SOURCE = 'lake', FORMAT = 'PARQUET')
WITH (geography_code varchar(16), geography_name varchar(200), claimants int, fetched_at datetime2(3)) AS r;
GO

CREATE OR ALTER VIEW dbo.lmi_postings AS
SELECT CAST(r.filepath(1) AS varchar(7)) AS period, CAST(r.filepath(2) AS varchar(40)) AS feed,
    posting_id, posted_date, title, role, location, salary_min, salary_max, employer, fetched_at
FROM OPENROWSET(BULK 'curated/lmi_postings/period=*/feed=*/part-*.parquet', DATA_SOURCE = 'lake', FORMAT = 'PARQUET')
WITH (
    posting_id varchar(64), posted_date date, title varchar(1000), role varchar(64), location varchar(400),
    salary_min float, salary_max float, employer varchar(400), fetched_at datetime2(3)
) AS r;
GO

CREATE OR ALTER VIEW dbo.lmi_nhs_vacancies AS
SELECT CAST(r.filepath(1) AS varchar(7)) AS period, CAST(r.filepath(2) AS varchar(40)) AS feed,
    region, staff_group, vacancies_fte, vacancy_rate, fetched_at
FROM OPENROWSET(BULK 'curated/lmi_nhs_vacancies/period=*/feed=*/part-*.parquet', DATA_SOURCE = 'lake', FORMAT = 'PARQUET')
WITH (region varchar(200), staff_group varchar(200), vacancies_fte float, vacancy_rate float, fetched_at datetime2(3)) AS r;
GO

-- The indicators files hold period as a column too; the folder is not read.
CREATE OR ALTER VIEW dbo.indicators AS
SELECT indicator, period, scope_type, scope, value, numerator, denominator, suppressed, partners_reporting, computed_at
FROM OPENROWSET(BULK 'indicators/period=*/indicators.parquet', DATA_SOURCE = 'lake', FORMAT = 'PARQUET')
WITH (
    indicator varchar(100), period varchar(7), scope_type varchar(20), scope varchar(100), value float,
    numerator float, denominator float, suppressed bit, partners_reporting int, computed_at datetime2(3)
) AS r;
GO
