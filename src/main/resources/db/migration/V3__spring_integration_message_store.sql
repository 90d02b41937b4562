-- The channel that carries partition requests from a manager to its workers (remote partitioning): Spring
-- Integration's JdbcChannelMessageStore with PostgresChannelMessageStoreQueryProvider. Taken from
-- org/springframework/integration/jdbc/schema-postgresql.sql in spring-integration-jdbc 7.0: only the sequence and
-- the table that the channel message store uses (no message group store, lock or metadata tables). A worker takes a
-- request with one "delete ... where ctid = (select ... for update skip locked) returning" statement, so each
-- request goes to exactly one worker.

CREATE SEQUENCE INT_MESSAGE_SEQ START WITH 1 INCREMENT BY 1 NO CYCLE;

CREATE TABLE INT_CHANNEL_MESSAGE (
	MESSAGE_ID CHAR(36) NOT NULL,
	GROUP_KEY CHAR(36) NOT NULL,
	CREATED_DATE BIGINT NOT NULL,
	MESSAGE_PRIORITY BIGINT,
	MESSAGE_SEQUENCE BIGINT NOT NULL DEFAULT nextval('INT_MESSAGE_SEQ'),
	MESSAGE_CONTENT BYTEA,
	REGION VARCHAR(100) NOT NULL,
	constraint INT_CHANNEL_MESSAGE_PK primary key (REGION, GROUP_KEY, CREATED_DATE, MESSAGE_SEQUENCE)
);

CREATE INDEX INT_CHANNEL_MSG_DELETE_IDX ON INT_CHANNEL_MESSAGE (REGION, GROUP_KEY, MESSAGE_ID);
