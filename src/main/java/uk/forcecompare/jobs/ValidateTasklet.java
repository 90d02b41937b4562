package uk.forcecompare.jobs;

import java.util.List;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import uk.forcecompare.collection.Collection;
import uk.forcecompare.sources.Observation;
import uk.forcecompare.validation.FindingLog;

/** The run's checks across the whole collection (see {@link CollectionChecks}). */
class ValidateTasklet implements Tasklet {

    private final RunSupport support;
    private final RunRepository repository;

    ValidateTasklet(RunSupport support, RunRepository repository) {
        this.support = support;
        this.repository = repository;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        long run = RunSupport.runId(chunk);
        Collection c = support.collection(chunk);
        // every input has been read by now: what follows is worked out from it
        UnsettledInputs.check(c);
        repository.clearFindings(run, "validate");
        FindingLog findings = new FindingLog();
        List<Observation> observations = repository.observations(run);
        new CollectionChecks(support.forces, support.catalogue).check(c, observations, findings, new CollectionChecks.Invalidation() {
            @Override
            public void invalidate(String force, String file, String reason) {
                repository.invalidateObservations(run, force, file, reason);
            }

            @Override
            public void drop(String force, String file) {
                repository.dropObservations(run, force, file);
            }

            @Override
            public void dropOne(Observation o) {
                repository.dropObservation(run, o);
            }

            @Override
            public void invalidateOne(Observation o, String reason) {
                repository.invalidateObservation(run, o, reason);
            }
        });
        CrashPoints.reach("validate.before-commit");
        repository.saveFindings(run, "validate", findings.all());
        return RepeatStatus.FINISHED;
    }
}
