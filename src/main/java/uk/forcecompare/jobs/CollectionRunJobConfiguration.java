package uk.forcecompare.jobs;

import java.nio.file.Path;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import uk.forcecompare.charts.ChartRenderer;
import uk.forcecompare.records.PoliceUkRecords;
import uk.forcecompare.indicators.IndicatorCatalogue;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.sources.Sources;

/**
 * The collection run: ingest, validate, compute, chart, publish. Each step keeps its output in the database
 * (or, for charts, in the run's staging folder), so a failed run resumes at the step that failed.
 * No incrementer: the run is identified by its own parameters (see {@link RunParameters}).
 */
@Configuration(proxyBeanMethods = false)
public class CollectionRunJobConfiguration {

    public static final String JOB_NAME = "collectionRun";

    @Bean
    ForceDirectory forceDirectory(@Value("${force-compare.reference-dir}") String dir) {
        return ForceDirectory.load(Path.of(dir));
    }

    @Bean
    IndicatorCatalogue indicatorCatalogue(@Value("${force-compare.indicators-dir}") String dir) {
        return IndicatorCatalogue.load(Path.of(dir));
    }

    @Bean
    Sources sources(ForceDirectory forces) {
        return new Sources(forces);
    }

    @Bean
    ChartRenderer chartRenderer() {
        return new ChartRenderer();
    }

    @Bean
    Job collectionRunJob(JobRepository jobs, Step ingestStep, Step ingestRecordsStep, Step validateStep, Step computeStep,
                         Step chartStep, Step publishStep) {
        return new JobBuilder(JOB_NAME, jobs)
                .start(ingestStep).next(ingestRecordsStep).next(validateStep).next(computeStep).next(chartStep).next(publishStep)
                .build();
    }

    @Bean
    PoliceUkRecords policeUkRecords(ForceDirectory forces) {
        return new PoliceUkRecords(forces);
    }

    /**
     * data.police.uk files, read in parallel: one partition per group of files, as many groups as cores by default.
     * With {@code force-compare.workers.enabled=true} the partitions go to worker processes instead (remote
     * partitioning, see {@link RemotePartitioningConfiguration}), 16 groups by default.
     */
    @Bean
    Step ingestRecordsStep(JobRepository jobs, Step recordsWorkerStep, RecordsPartitioner recordsPartitioner,
                           @Value("${force-compare.records.partitions:0}") int partitions,
                           ObjectProvider<RemotePartitionHandler> remote) {
        RemotePartitionHandler handler = remote.getIfAvailable();
        if (handler != null) {
            handler.setGridSize(partitions > 0 ? partitions : 16);
            return new StepBuilder("ingestRecords", jobs)
                    .partitioner("recordsWorker", recordsPartitioner)
                    .partitionHandler(handler)
                    .aggregator(RemotePartitionHandler.aggregator())
                    .build();
        }
        int grid = partitions > 0 ? partitions : Runtime.getRuntime().availableProcessors();
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("records-");
        executor.setConcurrencyLimit(grid);
        return new StepBuilder("ingestRecords", jobs)
                .partitioner("recordsWorker", recordsPartitioner)
                .step(recordsWorkerStep)
                .gridSize(grid)
                .taskExecutor(executor)
                .build();
    }

    @Bean
    @StepScope
    RecordsPartitioner recordsPartitioner(RunSupport s, @Value("#{jobParameters['collection.folder']}") String folder) {
        return new RecordsPartitioner(s, Path.of(folder));
    }

    @Bean
    Step recordsWorkerStep(JobRepository jobs, PlatformTransactionManager tx, RunSupport s, RunRepository r, PoliceUkRecords records) {
        return new StepBuilder("recordsWorker", jobs).tasklet(new RecordsTasklet(s, r, records), tx).build();
    }

    @Bean
    Step ingestStep(JobRepository jobs, PlatformTransactionManager tx, RunSupport s, RunRepository r, Sources sources) {
        return new StepBuilder("ingest", jobs).tasklet(new IngestTasklet(s, r, sources), tx).build();
    }

    @Bean
    Step validateStep(JobRepository jobs, PlatformTransactionManager tx, RunSupport s, RunRepository r) {
        return new StepBuilder("validate", jobs).tasklet(new ValidateTasklet(s, r), tx).build();
    }

    @Bean
    Step computeStep(JobRepository jobs, PlatformTransactionManager tx, RunSupport s, RunRepository r) {
        return new StepBuilder("compute", jobs).tasklet(new ComputeTasklet(s, r), tx).build();
    }

    @Bean
    Step chartStep(JobRepository jobs, PlatformTransactionManager tx, RunSupport s, ResultLoader results, ChartRenderer renderer) {
        return new StepBuilder("chart", jobs).tasklet(new ChartTasklet(s, results, renderer), tx).build();
    }

    @Bean
    Step publishStep(JobRepository jobs, PlatformTransactionManager tx, RunSupport s, RunRepository r, ResultLoader results) {
        return new StepBuilder("publish", jobs).tasklet(new PublishTasklet(s, r, results), tx).build();
    }
}
