package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;

/** How a run's failure reads, and which failures it is started again for. */
class CollectionRunnerTest {

    /** PostgreSQL's message for a serialization failure, as the driver gives it: four lines. */
    private static final SQLException SERIALIZATION_FAILURE = new SQLException("""
            ERROR: could not serialize access due to read/write dependencies among transactions
              Detail: Reason code: Canceled on identification as a pivot, during write.
              Hint: The transaction might succeed if retried.
              Where: SQL statement "SELECT 1 FROM ONLY "public"."batch_step_execution" x WHERE "step_execution_id" OPERATOR(pg_catalog.=) $1 FOR KEY SHARE OF x\"""",
            "40001");

    @Test
    void aCauseIsOneLineWithoutTheDatabasesDetailHintAndWhere() {
        assertThat(CollectionRunner.rootMessage(new PessimisticLockingFailureException("x", SERIALIZATION_FAILURE)))
                .isEqualTo("SQLException: ERROR: could not serialize access due to read/write dependencies among transactions");
    }

    @Test
    void serializationFailuresAndDeadlocksAreConflictsWithAnotherTransactionOtherFailuresAreNot() {
        assertThat(CollectionRunner.transientConflict(new IllegalStateException(SERIALIZATION_FAILURE))).isTrue();
        assertThat(CollectionRunner.transientConflict(new SQLException("ERROR: deadlock detected", "40P01"))).isTrue();
        assertThat(CollectionRunner.transientConflict(new DataIntegrityViolationException("x",
                new SQLException("ERROR: duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(CollectionRunner.transientConflict(new IllegalStateException("no job execution"))).isFalse();
    }
}
