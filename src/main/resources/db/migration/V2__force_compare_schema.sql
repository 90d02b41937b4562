-- force-compare's own tables. A run is one Spring Batch job instance (run_id = JOB_INSTANCE_ID): restarts of a
-- failed run reuse its rows, and every step deletes what it wrote before writing again, so a step that is
-- re-executed after a crash never duplicates a row.

create table source_file (
    run_id        bigint  not null,
    path          text    not null,
    kind          text,
    sha256        text    not null,
    size_bytes    bigint  not null,
    rows_read     bigint,
    observations  bigint,
    readable      boolean,
    primary key (run_id, path)
);

create table observation (
    run_id         bigint  not null,
    force_code     text    not null,
    measure        text    not null,
    period_start   date    not null,
    period_end     date    not null,
    period_form    text    not null,
    dimensions     text    not null default '',
    value          numeric,
    missing_reason text    not null default '',
    source_file    text    not null,
    location       text    not null default ''
);
create index observation_by_measure on observation (run_id, measure, force_code);

create table finding (
    id            bigserial primary key,
    run_id        bigint  not null,
    step          text    not null,
    severity      text    not null check (severity in ('error', 'warning', 'info')),
    rule          text    not null,
    source_file   text    not null default '',
    location      text    not null default '',
    force_code    text    not null default '',
    indicator_id  text    not null default '',
    message       text    not null default '',
    observed      text    not null default '',
    expected      text    not null default ''
);
create index finding_by_run on finding (run_id, step);

-- rejected rows, kept with their raw text so that nothing read is ever lost
create table quarantine (
    id            bigserial primary key,
    run_id        bigint  not null,
    source_file   text    not null,
    location      text    not null default '',
    rule          text    not null,
    raw_text      text    not null
);
create index quarantine_by_run on quarantine (run_id);

create table indicator_value (
    run_id               bigint  not null,
    indicator_id         text    not null,
    period               text    not null,
    force_code           text    not null,
    numerator            numeric,
    denominator          numeric,
    value                double precision,
    band                 text    not null check (band in ('above', 'below', 'within', 'missing')),
    missing_reason       text    not null default '',
    primary key (run_id, indicator_id, force_code)
);

create table indicator_comparison (
    run_id               bigint  not null,
    indicator_id         text    not null,
    period               text    not null,
    mean                 double precision,
    sd                   double precision,
    lower_limit          double precision,
    upper_limit          double precision,
    n_forces             integer not null,
    england_wales_rate   double precision,
    sd_method            text    not null,
    excluded_forces      text    not null default '',
    primary key (run_id, indicator_id)
);

-- which run made which publication, and with what exit status
create table publication (
    run_id            bigint  primary key,
    job_execution_id  bigint  not null,
    collection_id     text    not null,
    output_folder     text    not null,
    published_at      timestamptz not null default now(),
    exit_status       integer not null,
    errors            integer not null,
    warnings          integer not null,
    infos             integer not null
);
